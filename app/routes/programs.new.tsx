/** New program (organisation admins): its creator becomes its owner. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormActions } from "~/components/ui/form-actions";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { PageContainer } from "~/components/app-shell";
import { RouteError } from "~/components/route-error";
import { Card, CardBody, Field, Input, PageHeader, Textarea } from "~/components/ui";
import { tFor } from "~/i18n/config";
import { localName } from "~/models/org.server";
import { createProgram } from "~/models/program.server";
import { httpError } from "~/utils/http.server";
import { requireOrgContext } from "~/utils/org-context.server";
import { pageTitle } from "~/utils/root-data";
import { DescriptionSchema, OptionalTitleSchema, TitleSchema } from "~/utils/validation";
import { fieldErrors, formToObject } from "~/utils/zod";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "programs.new.title");

const ProgramSchema = z.object({ name: TitleSchema, name_en: OptionalTitleSchema, description: DescriptionSchema });

async function requireOrgAdmin(request: Request) {
  const ctx = await requireOrgContext(request);
  if (!ctx.activeOrg) throw redirect("/orgs/new");
  if (ctx.activeOrg.role !== "admin") throw httpError(ctx.locale, 403, { key: "programs.new.adminOnly" });
  return { ...ctx, activeOrg: ctx.activeOrg };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { activeOrg, locale } = await requireOrgAdmin(request);
  return json({ orgName: localName(activeOrg, locale) });
}

type ActionData = { fields: Record<string, string>; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const { user, locale, activeOrg } = await requireOrgAdmin(request);
  const raw = formToObject(await request.formData());
  const parsed = ProgramSchema.safeParse(raw);
  if (!parsed.success) return json<ActionData>({ fields: fieldErrors(parsed.error, tFor(locale)), values: raw }, { status: 400 });
  const program = await createProgram(user.id, activeOrg.id, parsed.data);
  return redirect(`/programs/${program.id}`);
}

export default function NewProgramPage() {
  const { t } = useTranslation();
  const { orgName } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <PageContainer className="max-w-2xl">
      <PageHeader eyebrow={orgName} title={t("programs.new.title")} description={t("programs.new.description")} />
      <Card>
        <CardBody className="py-6">
          <Form method="post" className="space-y-5" noValidate>
            <Field label={t("programs.fields.name")} hint={t("programs.fields.nameHint")} error={data?.fields.name}>
              <Input name="name" required maxLength={200} defaultValue={data?.values.name} autoFocus />
            </Field>
            <Field label={t("programs.fields.nameEn")} optionalLabel={t("ui.optional")} error={data?.fields.name_en}>
              <Input name="name_en" maxLength={200} defaultValue={data?.values.name_en} lang="en" />
            </Field>
            <Field label={t("programs.fields.description")} optionalLabel={t("ui.optional")} hint={t("programs.fields.descriptionHint")} error={data?.fields.description}>
              <Textarea name="description" rows={5} maxLength={5000} defaultValue={data?.values.description} />
            </Field>
            <FormActions cancelTo="/programs" submitLabel={t("programs.new.submit")} busy={busy} />
          </Form>
        </CardBody>
      </Card>
    </PageContainer>
  );
}

export function ErrorBoundary() {
  return <RouteError />;
}
