/** The /api/v1 routes of step 5 (guidelines, recognition, ideas, leaderboard), as documented in the OpenAPI document. */
import { NOMINATION_STATUSES } from "../nominations";
import { str, int, bool, ref, arr, obj, enumOf, day, time, ok, q, type RouteDoc } from "./json-schema";

export const FRONTLINE_ROUTES: RouteDoc[] = [
  {
    path: "/api/v1/programs/{programId}/recognition-types",
    operations: {
      get: {
        tag: "frontline",
        access: "read",
        summary: "The recognition catalogue",
        description: "Behaviour types worth recognising, each with its reward, the guideline reviewers evaluate against and who agreed on it in the workshop.",
        query: [q("archived", "`1` to include archived types.", enumOf(["1", "true"]))],
        ok: ok("The behaviour types.", { recognitionTypes: arr(ref("RecognitionType")) }),
        errors: [404],
      },
    },
  },
  {
    path: "/api/v1/programs/{programId}/nominations",
    operations: {
      get: {
        tag: "recognition",
        access: "read",
        summary: "Nominations the caller may see",
        description:
          "Reviewers and readers of the program's activity see every nomination (`scope=all`, their default, newest first); everyone else sees what they sent (`sent`, their default) and the approved or rewarded recognitions about them (`received`). `queue` (waiting for review) and `reward` (approved, waiting for the reward) are the reviewers' work lists, oldest first.",
        query: [
          q("scope", "Which nominations.", enumOf(["all", "sent", "received", "queue", "reward"])),
          q("status", "Only this status.", enumOf(NOMINATION_STATUSES)),
          q("typeId", "Only this behaviour type."),
        ],
        ok: ok("The nominations (at most 200).", { nominations: arr(ref("Nomination")) }),
        errors: [400, 403, 404],
      },
      post: {
        tag: "recognition",
        access: "write",
        summary: "Nominate a colleague",
        description:
          "Needs nomination.submit (everyone but viewers and the CX office). Self-nomination, an unknown colleague or behaviour, an archived behaviour or a story outside 20–2000 characters → 422; the same story (trimmed, white space collapsed, case-folded) for the same colleague and behaviour → 409.",
        body: { schema: "NominationInput" },
        ok: ok("The nomination, waiting for review.", { nomination: ref("Nomination") }, 201),
        errors: [400, 403, 404, 409, 413, 422],
      },
    },
  },
  {
    path: "/api/v1/nominations/{nominationId}/review",
    operations: {
      post: {
        tag: "recognition",
        access: "write",
        summary: "Approve or reject a submitted nomination",
        description:
          "Needs nomination.review (owner, leadership, project team). A rejection needs a reason. Not on a nomination the caller sent or one about them (403). Only a submitted nomination can be reviewed (409).",
        body: { schema: "NominationReviewInput" },
        ok: ok("The nomination.", { nomination: ref("Nomination") }),
        errors: [400, 403, 404, 409, 413, 422],
      },
    },
  },
  {
    path: "/api/v1/nominations/{nominationId}/reward",
    operations: {
      post: {
        tag: "recognition",
        access: "write",
        summary: "Grant the reward of an approved nomination",
        description:
          "Without `rewardText`/`rewardValue` the behaviour type's reward is granted as the catalogue has it now; an adjusted reward needs a `note` (422). Not on a nomination the caller sent or one about them (403); not approved or already rewarded → 409. It then shows on the recognition wall.",
        body: { schema: "NominationRewardInput" },
        ok: ok("The rewarded nomination.", { nomination: ref("Nomination") }),
        errors: [400, 403, 404, 409, 413, 422],
      },
    },
  },
  {
    path: "/api/v1/programs/{programId}/ideas",
    operations: {
      get: {
        tag: "frontline",
        access: "read",
        summary: "The program's frontline ideas, newest first",
        description: "Each with what became of it: new, triaged into a loop cycle, part of an initiative, done, or dismissed with the reason.",
        query: [q("mine", "`1` for the caller's own ideas only.", enumOf(["1", "true"])), q("page", "Page number, from 1.", int), q("pageSize", "Ideas per page (≤ 200).", int)],
        ok: ok("One page of ideas.", { items: arr(ref("Idea")), total: int, page: int, pageSize: int }),
        errors: [404],
      },
      post: {
        tag: "frontline",
        access: "write",
        summary: "Send an idea to the idea box",
        description:
          "JSON without a photo, or multipart/form-data with the same fields and an optional `photo` (JPEG, PNG or WebP by its content, ≤ 5 MB). Stored as a feedback record (source `idea`, origin `frontline`) addressed to the open small-loop cycle; it lands in the feedback inbox as new. Needs idea.submit (not viewers, not the CX office).",
        body: {
          schema: "IdeaInput",
          multipart: obj({ text: str, title: str, mapId: str, touchpointId: str, photo: { type: "string", contentMediaType: "image/*" } }, ["text"]),
        },
        ok: ok("The idea.", { idea: ref("Idea") }, 201),
        errors: [400, 403, 404, 413, 422],
      },
    },
  },
  {
    path: "/api/v1/programs/{programId}/ideas/{ideaId}/photo",
    operations: {
      get: {
        tag: "frontline",
        access: "read",
        summary: "An idea's photo",
        description: "Shown inline with its stored type (image/jpeg, image/png or image/webp), never sniffed.",
        ok: { status: 200, description: "The image.", contentType: "image/*" },
        errors: [404],
      },
    },
  },
  {
    path: "/api/v1/programs/{programId}/leaderboard",
    operations: {
      get: {
        tag: "frontline",
        access: "read",
        summary: "The frontline leaderboard of a month or quarter",
        description:
          "People ranked by recognitions received (nominations approved or rewarded, by the day they were approved) and by ideas adopted (triaged into a loop cycle or linked to an initiative, by the first of these). Ties share a rank; people who opted out are not listed. Periods in China Standard Time.",
        query: [q("period", "`month` (default), `quarter`, a month `2026-11` or a quarter `2026-Q4`. Malformed, impossible or future → 400.")],
        ok: ok("The rankings.", {
          period: obj({ key: str, kind: enumOf(["month", "quarter"]), year: int, index: int, firstDay: day, lastDay: day, from: time, to: time, current: bool }),
          recognitions: arr(ref("LeaderboardRow")),
          ideasAdopted: arr(ref("LeaderboardRow")),
          me: obj({ hidden: bool, recognitions: int, ideasAdopted: int }),
          definition: obj({ recognitions: str, ideasAdopted: str }),
        }),
        errors: [400, 404],
      },
    },
  },
];
