// Policy compiler: node -r @swc-node/register scripts/compile-policy.ts [--in config/policy.yaml] [--out build/policy.json]
// Validates the policy file (every problem on its own stdout line, exit 1) and writes the compiled JSON.
import { runCompilePolicy } from '../shared/policy';

process.exitCode = runCompilePolicy(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
