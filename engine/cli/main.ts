/**
 * `credit-rules`: the command line of the engine (records.md). This entry only wires the
 * process: exit statuses, a reader that went away, and errors nothing else caught.
 */
import { messageLocale } from './command.js';
import { EXIT } from './exit.js';
import { main, report as reportIn } from './run.js';

const locale = messageLocale(process.argv.slice(2));
const report = (error: unknown): number => reportIn(error, locale);

function exitNow(status: number): never {
  process.exit(status);
}

// The reader of our output went away (`credit-rules … | head`): stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') exitNow(process.exitCode === undefined ? EXIT.ok : Number(process.exitCode));
  else exitNow(report(error));
});
// The reader of our messages went away (`2> >(head -c1)`): the results still go to stdout.
process.stderr.on('error', () => {});
process.on('uncaughtException', (error) => exitNow(report(error)));
process.on('unhandledRejection', (error) => exitNow(report(error)));

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.exitCode = report(error);
  },
);
