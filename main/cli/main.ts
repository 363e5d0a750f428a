/** Process entry of the CLI: wires real streams, prints unexpected errors as one line. */
import packageJson from '../../package.json' with { type: 'json' };
import { runCli } from './index.js';
import { errorMessage } from '../../preload/vocabulary/errors.js';

const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };

runCli(process.argv.slice(2), io, packageJson.version).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mailflow: unexpected error: ${errorMessage(error)}\n`);
    process.exitCode = 1;
  },
);
