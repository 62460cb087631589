/** Create an organisation; its creator becomes its admin and works in it from now on. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { FormActions } from "~/components/ui/form-actions";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { PageContainer } from "~/components/app-shell";
import { RouteError } from "~/components/route-error";
import { Card, CardBody, Field, Input, PageHeader } from "~/components/ui";
import { tFor } from "~/i18n/config";
import { localeFor } from "~/i18n/locale.server";
import { createOrganization } from "~/models/org.server";
import { requireUser } from "~/models/session.server";
import { pageTitle } from "~/utils/root-data";
import { OptionalTitleSchema, TitleSchema } from "~/utils/validation";
import { fieldErrors, formToObject } from "~/utils/zod";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "orgs.new.title");

const OrgSchema = z.object({ name: TitleSchema, name_en: OptionalTitleSchema });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({});
}

type ActionData = { fields: Record<string, string>; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = tFor(await localeFor(request, user));
  const raw = formToObject(await request.formData());
  const parsed = OrgSchema.safeParse(raw);
  if (!parsed.success) return json<ActionData>({ fields: fieldErrors(parsed.error, t), values: raw }, { status: 400 });
  await createOrganization(user.id, parsed.data);
  return redirect("/programs");
}

export default function NewOrgPage() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <PageContainer className="max-w-2xl">
      <PageHeader title={t("orgs.new.title")} description={t("orgs.new.description")} />
      <Card>
        <CardBody className="py-6">
          <Form method="post" className="space-y-5" noValidate>
            <Field label={t("orgs.fields.name")} hint={t("orgs.fields.nameHint")} error={data?.fields.name}>
              <Input name="name" required maxLength={200} defaultValue={data?.values.name} autoFocus />
            </Field>
            <Field label={t("orgs.fields.nameEn")} optionalLabel={t("ui.optional")} hint={t("orgs.fields.nameEnHint")} error={data?.fields.name_en}>
              <Input name="name_en" maxLength={200} defaultValue={data?.values.name_en} lang="en" />
            </Field>
            <FormActions cancelTo="/programs" submitLabel={t("orgs.new.submit")} busy={busy} />
          </Form>
        </CardBody>
      </Card>
    </PageContainer>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
