#!/usr/bin/env node
/**
 * Runs the test provider: `node provider-main.js --org ORG_FILE [--schema-dir DIR]`. Prints one line,
 * the TF_REATTACH_PROVIDERS value, then serves until it receives SIGTERM
 * (or, with --stop-with-stdin, until its stdin closes).
 */
import { parseArgs } from "node:util";
import { startTestProviders } from "./provider";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      org: { type: "string" },
      "schema-dir": { type: "string" },
      "schema-write-ms": { type: "string" },
      "stop-with-stdin": { type: "boolean" },
    },
  });
  if (!values.org) {
    console.error("usage: provider-main --org ORG_FILE [--schema-dir DIR] [--schema-write-ms N] [--stop-with-stdin]");
    process.exit(1);
  }
  const running = await startTestProviders({
    orgFile: values.org,
    schemaDir: values["schema-dir"],
    schemaWriteMs: values["schema-write-ms"] !== undefined ? Number(values["schema-write-ms"]) : undefined,
  });
  process.stdout.write(`${JSON.stringify(running.reattach)}\n`);
  const stop = () => void running.stop().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  if (values["stop-with-stdin"]) {
    // The harness holds the other end: when it exits, so does the provider.
    process.stdin.on("end", stop);
    process.stdin.resume();
  }
}

void main().catch((e: Error) => {
  console.error(`test provider: ${e.message}`);
  process.exit(1);
});
