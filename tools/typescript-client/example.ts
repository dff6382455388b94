// Reads the leaderboard, a model's scaling figure and a run's bundle through the TypeScript
// client that tools/typescript-client.sh generates from docs/openapi.json (typescript-fetch).
// BASE_URL names the application (default http://localhost:8080); MODEL a model key.
import { Configuration, FiguresApi, RunsApi, ResponseError } from "../../target/typescript-client";

const config = new Configuration({ basePath: process.env.BASE_URL ?? "http://localhost:8080" });
const figures = new FiguresApi(config);
const runs = new RunsApi(config);

async function main(): Promise<void> {
  const board = await figures.getLeaderboard({ setting: "all" });
  for (const row of (board.rows ?? []).slice(0, 3)) {
    console.log(`leaderboard: ${row.model} ${row.setting} accuracy ${row.accuracy?.value}`);
  }
  const model = process.env.MODEL ?? board.rows?.[0]?.model;
  if (!model) {
    throw new Error("the leaderboard has no rows: name a model with MODEL=provider/name");
  }

  const scaling = await figures.getScaling({ model });
  console.log(`scaling of ${scaling.model}: alpha ${scaling.alpha?.value}, regime ${scaling.regime},`
    + ` sweet spot ${scaling.sweetSpot}`);

  const page = await runs.listRuns({ model, size: 1 });
  const run = page.items?.[0];
  if (run) {
    const bundle = await runs.getRunBundle({ id: run.id });
    console.log(`bundle of run ${bundle.run?.id}: ${bundle.run?.status}, ${bundle.attempts?.length} attempts,`
      + ` finished ${bundle.run?.finishedAt?.toISOString()}`);
  }

  // errors are problem+json naming the field at fault
  try {
    await runs.listRuns({ size: -1 });
  } catch (e) {
    if (e instanceof ResponseError) {
      const problem = await e.response.json();
      console.log(`size=-1: ${e.response.status} ${JSON.stringify(problem.errors)}`);
    } else {
      throw e;
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
