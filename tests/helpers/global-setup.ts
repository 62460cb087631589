/** Integration tests start the real server, which serves the Remix build: make sure it exists. */
import { ensureBuild } from "../../server/ensure-build";

export default async function setup() {
  await ensureBuild();
}
