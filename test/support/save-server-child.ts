/**
 * A second editor server process on a rulesets folder, for test/editor/server.test.ts:
 *
 *   save ROOT PATH TEXT_FILE BASE_HASH GO_FILE  prints "ready", waits for GO_FILE, saves TEXT_FILE's
 *                                              text over PATH opened at BASE_HASH, prints the outcome
 *   list ROOT                                  lists the rulesets, prints the peak RSS before and after
 *
 * In `save`, every rename takes 300 ms, so that two processes saving at once both pass the hash
 * check before either renames unless something holds the other back.
 */
import { existsSync, promises, readFileSync } from 'node:fs';
import { FileApiError, RulesetFiles } from '../../editor/server/files.js';

const [mode, root, ...rest] = process.argv.slice(2);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

if (mode === 'save') {
  const [relative, textFile, baseHash, goFile] = rest as [string, string, string, string];
  const rename = promises.rename.bind(promises);
  promises.rename = async (from, to) => {
    await sleep(300);
    return rename(from, to);
  };
  const files = new RulesetFiles({ root: root! });
  const text = readFileSync(textFile, 'utf8');
  process.stdout.write('ready\n');
  while (!existsSync(goFile)) await sleep(2);
  try {
    const outcome = await files.write(relative, text, baseHash);
    process.stdout.write(`${JSON.stringify({ ok: true, history: outcome.history })}\n`);
  } catch (error) {
    if (!(error instanceof FileApiError)) throw error;
    process.stdout.write(`${JSON.stringify({ ok: false, code: error.code })}\n`);
  }
} else if (mode === 'list') {
  const files = new RulesetFiles({ root: root! });
  const before = process.resourceUsage().maxRSS;
  const summaries = await files.list();
  const after = process.resourceUsage().maxRSS;
  process.stdout.write(`${JSON.stringify({ beforeKiB: before, afterKiB: after, summaries })}\n`);
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
