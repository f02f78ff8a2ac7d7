/** Runs one workload in this process and prints {ms, peakRssMb, root, file} as JSON (bench.ts spawns it). */
import { run, Variant } from "./workload";

const [variant, users] = [process.argv[2] as Variant, Number(process.argv[3])];
const start = process.hrtime.bigint();
const output = run(variant, users);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
console.log(JSON.stringify({ ms, peakRssMb: process.resourceUsage().maxRSS / 1024, ...output }));
