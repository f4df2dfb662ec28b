/**
 * `credit-rules test --sensitivity` on the shipped rulesets: the README shows what the built
 * command prints, and every number of every shipped ruleset stays pinned by a case.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, ensureBuilt } from './cli-helpers.js';

describe("the shipped rulesets' reports in the README", () => {
  const readme = readFileSync('README.md', 'utf8');
  for (const name of ['enterprise', 'project-lead', 'wendeng-legal-person', 'driver-licence-points']) {
    it(`${name}: the README shows what credit-rules test --sensitivity prints`, () => {
      ensureBuilt();
      const run = cli(['test', `rulesets/${name}.json`, '--cases', `rulesets/cases/${name}`, '--sensitivity'], { timeout: 170_000 });
      const printed = run.stdout.slice(run.stdout.indexOf('sensitivity:')).trimEnd();
      const block = new RegExp(`<!-- sensitivity:${name} -->\\n\`\`\`text\\n([\\s\\S]*?)\\n\`\`\`\\n<!-- /sensitivity:${name} -->`).exec(readme)?.[1];
      expect(block, `paste into README.md between <!-- sensitivity:${name} --> markers:\n${printed}`).toBe(printed);
      // Every shipped ruleset stays fully pinned: a number added without a case to pin it fails here.
      expect(printed).toMatch(/\n {2}every number is pinned by at least one case$/);
    }, 180_000);
  }
});
