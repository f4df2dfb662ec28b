/**
 * A synthetic (合成) registry of Taizhou landscaping enterprises, for the editor's registry view
 * and its benchmark: seeded, so the same seed always gives the same records. Event rates are
 * made up to look like a city's registry (most enterprises have a few contract evaluations and
 * awards, a few have criticisms, accidents and listings are rare); they are not real data, and
 * every record says so (`synthetic: true`, a name beginning 合成).
 */
import { addMonths, type EntityEvent, type EntityRecord } from '../../engine/index.js';
import { prng } from './prng.js';

export const SYNTHETIC_SEED = 20210630;
/** The date the synthetic registry is evaluated on. */
export const SYNTHETIC_AS_OF = '2021-06-30';

const DISTRICTS = ['椒江', '黄岩', '路桥', '临海', '温岭', '玉环', '天台', '仙居', '三门'];
const WORDS = ['绿苑', '青禾', '华景', '森茂', '园丰', '翠庭', '锦绣', '嘉木', '春晖', '东方', '银杏', '海岸', '山水', '清源', '百草'];

/** Makes `count` enterprise records, as of `asOf`, from `seed`. */
export function syntheticRegistry(count: number, seed = SYNTHETIC_SEED, asOf = SYNTHETIC_AS_OF): EntityRecord[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[], weights?: readonly number[]): T => {
    if (!weights) return items[Math.floor(random() * items.length)]!;
    let r = random() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < items.length; i++) if ((r -= weights[i]!) < 0) return items[i]!;
    return items[items.length - 1]!;
  };
  /** A Poisson count with mean `mean` (Knuth's method: the means here are small). */
  const poisson = (mean: number): number => {
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = random(); p > limit; p *= random()) k++;
    return k;
  };
  const dateWithin = (monthsBack: number): string => {
    const month = addMonths(asOf, -Math.floor(random() * monthsBack));
    return `${month.slice(0, 8)}${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  };

  const records: EntityRecord[] = [];
  for (let r = 1; r <= count; r++) {
    const id = `SYN-${String(r).padStart(5, '0')}`;
    // Size: most are small firms with a project or two; some large ones carry many.
    const size = pick([0.4, 1.5, 3.5, 7], [15, 45, 30, 10]);
    const projects = Array.from({ length: poisson(size) }, (_, p) => {
      const permitDate = dateWithin(60);
      const done = random() < 0.75 ? addMonths(permitDate, 6 + Math.floor(random() * 18)) : undefined;
      return {
        id: `P${p + 1}`,
        permitDate,
        ...(done && done <= asOf ? { completionDate: done } : {}),
        contractAmount: Math.round((0.2 + random() * random() * 30) * 1_000_000),
      };
    });
    const projectIds = projects.map((p) => p.id);
    const onProject = (): { project?: string } => (projectIds.length && random() < 0.8 ? { project: pick(projectIds) } : {});
    const events: EntityEvent[] = [];
    const add = (mean: number, months: number, make: () => Record<string, unknown>): void => {
      for (let i = poisson(mean); i > 0; i--) events.push({ id: `ev${events.length + 1}`, date: dateWithin(months), ...make() } as EntityEvent);
    };
    const busy = projects.length / 3; // rates grow with the work an enterprise does
    add(0.12 * busy, 60, () => ({ type: 'qualityComplaint', ...onProject() }));
    add(0.15 * busy, 36, () => ({ type: 'qualityCriticism', ...onProject() }));
    add(0.02 * busy, 60, () => ({ type: 'qualityAccident', severity: pick(['general', 'larger', 'major'], [85, 12, 3]), ...onProject() }));
    add(0.6 * busy, 60, () => ({ type: 'qualityAward', award: pick(['county', 'city', 'provinceSilver', 'provinceGold', 'ministry'], [45, 35, 10, 8, 2]), ...onProject() }));
    add(0.15 * busy, 36, () => ({ type: 'safetyCriticism', ...onProject() }));
    add(0.02 * busy, 60, () => ({ type: 'safetyAccident', severity: pick(['general', 'larger', 'major'], [88, 10, 2]), ...onProject() }));
    add(0.5 * busy, 60, () => ({ type: 'safetyAward', level: pick(['county', 'city', 'province', 'ministry'], [45, 35, 17, 3]), ...onProject() }));
    add(0.35, 36, () => ({ type: 'honour', honour: pick(['cityBackbone', 'cityGoingOut', 'cityTopTen', 'provinceContractAA', 'provinceManagementAward', 'provinceContractAAA'], [30, 15, 10, 25, 12, 8]) }));
    add(0.08 * busy, 24, () => ({ type: 'contractCriticism', ...onProject() }));
    for (const project of projectIds) {
      if (random() < 0.8) events.push({ id: `ev${events.length + 1}`, type: 'contractEvaluation', date: dateWithin(24), project, stage: pick(['inProgress', 'completion']), rating: pick(['good', 'fairlyGood', 'average', 'poor'], [40, 32, 20, 8]) } as EntityEvent);
      else if (random() < 0.3) events.push({ id: `ev${events.length + 1}`, type: 'contractEvaluationMissing', date: dateWithin(24), project } as EntityEvent);
    }
    add(0.03, 24, () => ({ type: 'wageViolation' }));
    add(0.04, 24, () => ({ type: 'wagePetition' }));
    add(0.003, 24, () => ({ type: 'wageMassIncident' }));
    add(0.06, 24, () => ({ type: 'reliefCommendation', relief: pick(['2019 利奇马台风', '2020 梅汛', '2021 烟花台风']), by: pick(['countyConstruction', 'county', 'city', 'province'], [40, 35, 20, 5]) }));
    add(0.02, 36, () => ({ type: 'listing', authority: pick(['county', 'city', 'province', 'ministry'], [40, 40, 15, 5]), list: pick(['badRecord', 'blacklist'], [85, 15]), ...(random() < 0.7 ? { until: addMonths(asOf, Math.floor(random() * 24) - 6) } : {}) }));
    add(0.015, 36, () => ({ type: 'employeeCriticism', person: `员工${1 + Math.floor(random() * 40)}`, authority: pick(['city', 'province', 'ministry'], [70, 25, 5]) }));
    add(0.01, 36, () => ({ type: 'employeeListing', person: `员工${1 + Math.floor(random() * 40)}`, authority: pick(['city', 'province', 'ministry'], [70, 25, 5]), until: addMonths(asOf, Math.floor(random() * 24) - 6) }));
    add(0.02, 24, () => ({ type: 'administrativePenalty' }));
    add(0.004, 24, () => ({ type: 'bidFraud', serious: random() < 0.3 }));
    events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

    const licenceValid = random() < 0.96;
    const record: EntityRecord & { synthetic: true } = {
      id,
      kind: 'enterprise',
      name: `合成·${pick(DISTRICTS)}${pick(WORDS)}园林工程有限公司 ${r}`,
      synthetic: true,
      licence: { landscapingScope: random() < 0.97, validUntil: licenceValid ? addMonths(asOf, 6 + Math.floor(random() * 120)) : addMonths(asOf, -Math.floor(1 + random() * 12)) },
      projects,
      events,
    };
    if (random() < 0.5) {
      const date = dateWithin(12);
      record.publishedRating = { grade: pick(['AAA', 'AA+', 'AA', 'A', 'B'], [10, 30, 35, 22, 3]), date };
    }
    records.push(record);
  }
  return records;
}

