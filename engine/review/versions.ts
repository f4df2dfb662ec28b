/**
 * Versions of one ruleset: which is in force on a date. A version is in force from its
 * `effectiveFrom` through its `effectiveTo` (both days included; no `effectiveTo`: open-ended).
 * Among those in force, an official version is preferred to a provisional one and a provisional
 * one to a draft; then the latest `effectiveFrom`. A draft is chosen only when nothing else is in
 * force, or when it is asked for by its version.
 */
import { errorSaying, problemAt, type Problem } from '../errors.js';
import type { Locale, VersionPeriod } from '../messages/codes.js';
import { en } from '../messages/en.js';
import { zhCN } from '../messages/zh-CN.js';
import { checkDate } from '../usage.js';
import type { RulesetMeta, RulesetStatus } from '../types.js';

/** How to choose among the versions in force. */
export interface SelectVersionOptions {
  /** Choose exactly this version (its `version` field); it must be in force on the date. */
  version?: string;
}

const STATUS_RANK: Readonly<Record<RulesetStatus, number>> = { official: 0, provisional: 1, draft: 2 };

/** The status as policy staff say it (the Chinese catalogue's words). */
export const STATUS_LABELS: Readonly<Record<RulesetStatus, string>> = zhCN.status;

/** Whether a version is in force on `date` (ISO dates compare as strings). */
export function inForce(meta: RulesetMeta, date: string): boolean {
  return meta.effectiveFrom <= date && (meta.effectiveTo === undefined || date <= meta.effectiveTo);
}

/** The period a version is in force, for messages, in `locale`: `from 2021-02-19`, `from 2021-02-19 to 2022-12-31`. */
export function effectivePeriod(meta: RulesetMeta, locale: Locale = 'zh-CN'): string {
  return (locale === 'en' ? en : zhCN).period(versionPeriod(meta));
}

/** A version as a problem names it. */
function versionPeriod(meta: RulesetMeta): VersionPeriod {
  const period: VersionPeriod = { version: meta.version, status: meta.status, from: meta.effectiveFrom };
  if (meta.effectiveTo !== undefined) period.to = meta.effectiveTo;
  return period;
}

/**
 * A ruleset evaluated on a date outside its period is warned about, not refused: naming one
 * ruleset is a deliberate choice, and scoring before or after its period (a worked example
 * dated before the notice, a forecast past its end) is a legitimate question; the result says
 * the score is that version's, which may not be the law's on that date. A folder of versions
 * instead chooses the version in force (`selectVersion`).
 */
export function periodWarning(meta: RulesetMeta, date: string, locale: Locale = 'en'): string | undefined {
  if (inForce(meta, date)) return undefined;
  const { from, to } = versionPeriod(meta);
  return (locale === 'en' ? en : zhCN).warning['period.outside']({ id: meta.id, version: meta.version, from, ...(to === undefined ? {} : { to }), date });
}

/** Orders versions in force, most preferred first: status, then the latest start, then the one that supersedes the other, then the later version name. */
function preferred(a: RulesetMeta, b: RulesetMeta): number {
  return (
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0) ||
    (a.supersedes === b.version ? -1 : b.supersedes === a.version ? 1 : 0) ||
    b.version.localeCompare(a.version, 'en', { numeric: true })
  );
}

/**
 * The problems that keep a set of rulesets from being versions of one ruleset: different ids,
 * a version given twice. Empty when they are sound.
 */
export function versionProblems(rulesets: readonly RulesetMeta[]): Problem[] {
  const problems: Problem[] = [];
  const ids = [...new Set(rulesets.map((r) => r.id))];
  if (ids.length > 1) {
    problems.push(problemAt('$.id', 'versions.mixedIds', { ids }));
  }
  const seen = new Set<string>();
  rulesets.forEach((r, i) => {
    const key = `${r.id}@${r.version}`;
    if (seen.has(key)) problems.push(problemAt(`$[${i}].version`, 'versions.duplicate', { id: r.id, version: r.version }));
    seen.add(key);
  });
  return problems;
}

/**
 * The version of a ruleset in force on `date`: official before provisional before draft, then
 * the latest `effectiveFrom`; a draft only when nothing else is in force or when named by
 * `options.version`. Throws `NO_RULESET_IN_FORCE` when no version is, `RULESET_INVALID` when
 * the rulesets are not versions of one ruleset. Pure: works on parsed rulesets or on anything
 * carrying their metadata.
 */
export function selectVersion<T extends RulesetMeta>(rulesets: readonly T[], date: string, options: SelectVersionOptions = {}): T {
  checkDate(date);
  if (rulesets.length === 0) {
    throw errorSaying('NO_RULESET_IN_FORCE', 'versions.empty', { date }, { problems: [problemAt('$', 'versions.empty', {})] });
  }
  const problems = versionProblems(rulesets);
  if (problems.length) throw errorSaying('RULESET_INVALID', 'versions.notOneRuleset', {}, { problems });
  const id = rulesets[0]!.id;
  const versions = rulesets.map(versionPeriod);

  if (options.version !== undefined) {
    const named = rulesets.find((r) => r.version === options.version);
    if (!named) {
      throw errorSaying('NO_RULESET_IN_FORCE', 'versions.unknown', { id, version: options.version }, {
        problems: [problemAt('$.version', 'versions.unknown', { versions })],
      });
    }
    if (!inForce(named, date)) {
      throw errorSaying('NO_RULESET_IN_FORCE', 'versions.outsidePeriod', { ...versionPeriod(named), id, date }, {
        problems: [problemAt('$.effectiveFrom', 'versions.outsidePeriod', { ...versionPeriod(named), date })],
      });
    }
    return named;
  }

  const candidates = rulesets.filter((r) => inForce(r, date)).sort(preferred);
  const chosen = candidates[0];
  if (!chosen) {
    throw errorSaying('NO_RULESET_IN_FORCE', 'versions.noneInForce', { id, date }, {
      problems: [problemAt('$.effectiveFrom', 'versions.noneInForce', { versions })],
    });
  }
  return chosen;
}
