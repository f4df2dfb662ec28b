/**
 * Pairs of ruleset versions that between them reach every sentence `policyDiff` writes: the
 * shipped versions against each other, and the enterprise and project-lead rulesets each
 * changed in one or a few fields. test/explanations.test.ts compares what they say with
 * test/fixtures/policy-changes.json, captured from the engine before its sentences moved
 * into message catalogues.
 */
import type { Clause, Item, Ruleset } from '../../engine/index.js';
import { readJson } from './load.js';

export interface PolicyVariant {
  name: string;
  older: Ruleset;
  newer: Ruleset;
}

const enterprise = readJson<Ruleset>('rulesets/enterprise.json');
const n4 = readJson<Ruleset>('rulesets/enterprise-versions/enterprise-n4.json');
const projectLead = readJson<Ruleset>('rulesets/project-lead.json');

const clause = (r: Ruleset, id: string): Clause => r.indicators.flatMap((i) => i.items.flatMap((t) => t.clauses)).find((c) => c.id === id)!;
const item = (r: Ruleset, id: string): Item => r.indicators.flatMap((i) => i.items).find((t) => t.id === id)!;
const loose = (value: object): Record<string, unknown> => value as Record<string, unknown>;

/** `base` copied and changed by `edit`. */
function changed(base: Ruleset, edit: (r: Ruleset) => void): Ruleset {
  const copy = structuredClone(base);
  edit(copy);
  return copy;
}

const edits: [name: string, base: Ruleset, edit: (r: Ruleset) => void][] = [
  ['meta fields', enterprise, (r) => {
    r.id = 'enterprise-x';
    r.title = '新标题';
    r.version = '2022.1';
    r.status = 'provisional';
    r.effectiveFrom = '2022-01-01';
    r.effectiveTo = '2023-12-31';
    r.supersedes = 'enterprise@2021.1';
    r.entityKind = 'projectLead';
    r.source = { ...r.source, document: '台建〔2022〕1号' };
    loose(r).publishedBy = '市局';
  }],
  ['meta source detail', enterprise, (r) => (r.source = { ...r.source, date: '2022-02-02' })],
  ['indicator edits', enterprise, (r) => {
    r.indicators[1]!.label = '质量新名';
    r.indicators[1]!.eventCondition = { fact: 'event', path: 'region', operator: 'equal', value: '台州' };
    r.indicators[1]!.eventConditionLabel = '台州的事件';
    loose(r.indicators[1]!).note = '说明';
    r.indicators[2]!.eventConditionLabel = undefined;
    delete r.indicators[2]!.eventCondition;
    r.indicators[4]!.eventCondition = { fact: 'event', path: 'region', operator: 'equal', value: '台州' };
    r.indicators[0]!.eventCondition = { fact: 'event', path: 'region', operator: 'equal', value: '台州' };
  }],
  ['indicator added and removed', enterprise, (r) => {
    const moved = r.indicators.splice(3, 1)[0]!;
    r.indicators.push({ ...moved, id: 'E9', label: '新指标', items: moved.items.map((t) => ({ ...t, id: `${t.id}x`, clauses: t.clauses.map((c) => ({ ...c, id: `${c.id}x` })) })) });
  }],
  ['items added: deduction, bonus, check', enterprise, (r) => {
    const quality = r.indicators[1]!;
    quality.items.push({ ...structuredClone(item(r, 'E2.1')), id: 'E2.3', label: '新扣分项', full: 6, base: 5, cap: 6, clauses: [] });
    quality.items.push({ ...structuredClone(item(r, 'E2.1')), id: 'E2.4', label: '新扣分项二', full: 6, base: undefined, cap: undefined, clauses: [] });
    quality.items.push({ ...structuredClone(item(r, 'E2.2')), id: 'E2.5', label: '新加分项', clauses: [] });
    quality.items.push({ ...structuredClone(item(r, 'E2.2')), id: 'E2.6', label: '新加分项二', max: undefined, clauses: [] });
    quality.items.push({ ...structuredClone(item(r, 'E1')), id: 'E2.7', label: '新得分项', full: undefined, clauses: [] });
  }],
  ['item removed, moved, relabelled, kinds', enterprise, (r) => {
    r.indicators[1]!.items.splice(1, 1);
    const safety = r.indicators[2]!.items.splice(1, 1)[0]!;
    r.indicators[3]!.items.push(safety);
    item(r, 'E2.1').label = '工程质量新';
    item(r, 'E3.1').kind = 'bonus';
    item(r, 'E5').kind = 'check';
  }],
  ['item numbers', enterprise, (r) => {
    item(r, 'E2.1').full = 22;
    item(r, 'E2.1').base = 17;
    item(r, 'E2.1').cap = undefined;
    item(r, 'E3.1').cap = 25;
    item(r, 'E2.2').max = 10;
    item(r, 'E3.2').max = undefined;
    item(r, 'E3.2').cap = 3;
    item(r, 'E1').full = 9;
  }],
  ['multiplier, highestPer, notAgain changed', enterprise, (r) => {
    const e7 = r.indicators[6]!.items[0]!;
    e7.multiplier = { ...e7.multiplier!, factor: 3, label: '隐瞒新', when: { fact: 'event', path: 'concealed', operator: 'equal', value: false }, citation: { ...e7.multiplier!.citation, text: '新' } };
    e7.highestPer = { ...e7.highestPer!, attribute: 'project', label: '只计最高新', citation: { ...e7.highestPer!.citation, clause: 'E7.99' } };
    e7.notAgain = { ...e7.notAgain!, items: ['E2.1'], attribute: 'project', label: '不重复新', citation: { ...e7.notAgain!.citation, text: '新' } };
  }],
  ['multiplier, highestPer, notAgain added and removed', enterprise, (r) => {
    const e7 = r.indicators[6]!.items[0]!;
    const [m, h, n] = [e7.multiplier!, e7.highestPer!, e7.notAgain!];
    delete e7.multiplier;
    delete e7.highestPer;
    delete e7.notAgain;
    item(r, 'E2.1').multiplier = m;
    item(r, 'E2.1').highestPer = h;
    item(r, 'E2.1').notAgain = n;
  }],
  ['item citation, provisional, unknown field', enterprise, (r) => {
    item(r, 'E2.1').citation = { ...item(r, 'E2.1').citation, clause: 'E2.1x' };
    item(r, 'E3.1').citation = { ...item(r, 'E3.1').citation, text: '新' };
    item(r, 'E2.1').provisional = { fields: ['full', 'cap'], note: '暂定' };
    loose(item(r, 'E3.1')).note = '新';
  }],
  ['item provisional changed and dropped', projectLead, (r) => {
    const withProvisional = r.indicators.flatMap((i) => i.items).filter((t) => t.provisional);
    if (withProvisional[0]) withProvisional[0].provisional = { ...withProvisional[0].provisional!, note: '新说明' };
    if (withProvisional[1]) delete withProvisional[1].provisional;
  }],
  ['clauses added in every form', enterprise, (r) => {
    const quality = item(r, 'E2.1');
    const base = clause(r, 'E2.1.3');
    quality.clauses.push({ ...structuredClone(base), id: 'E2.1.7', label: '否决', points: undefined, effect: 'veto', vetoes: 'E2', window: undefined });
    quality.clauses.push({ ...structuredClone(base), id: 'E2.1.8', label: '否决二', points: undefined, effect: 'veto', window: { untilAttribute: 'until' } });
    quality.clauses.push({ ...structuredClone(base), id: 'E2.1.9', label: '等级', points: undefined, levels: [{ id: 'a', label: '甲', points: -2 }, { id: 'b', label: '乙', points: 0 }], cap: 3, window: { monthsAttribute: 'announceMonths', defaultParameter: 'announcementMonths' } });
    quality.clauses.push({ ...structuredClone(base), id: 'E2.1.10', label: '按月', window: { monthsAttribute: 'announceMonths', months: 6 } });
    quality.clauses.push({ ...structuredClone(base), id: 'E2.1.11', label: '按月二', window: { monthsAttribute: 'announceMonths' } });
    item(r, 'E2.2').clauses.push({ ...structuredClone(clause(r, 'E2.2.2')), id: 'E2.2.9', label: '加分', points: 2, cap: 4 });
    item(r, 'E2.2').clauses.push({ ...structuredClone(clause(r, 'E2.2.2')), id: 'E2.2.10', label: '零分', points: 0, window: undefined });
    item(r, 'E1').clauses.push({ ...structuredClone(item(r, 'E1').clauses[0]!), id: 'E1.9', label: '得分', points: 2 });
    item(r, 'E3.1').clauses.push({ ...structuredClone(clause(r, 'E2.1.3')), id: 'E3.1.9', label: '零扣', points: 0, window: { months: 12 } });
  }],
  ['clause edits', enterprise, (r) => {
    clause(r, 'E2.1.1').label = '新名';
    clause(r, 'E2.1.2').points = undefined;
    clause(r, 'E2.1.2').levels = [{ id: 'x', label: '一档', points: -1 }];
    clause(r, 'E2.1.3').points = 1;
    clause(r, 'E2.2.2').points = -1;
    clause(r, 'E2.2.1').points = 0;
    clause(r, 'E2.1.4').cap = 9;
    clause(r, 'E2.2.2').cap = 2;
    clause(r, 'E5.1').cap = undefined;
    clause(r, 'E2.1.1').window = { months: 48, untilAttribute: 'until' };
    clause(r, 'E2.1.2').window = undefined;
    clause(r, 'E2.1.4').window = { untilAttribute: 'until' };
    clause(r, 'E2.1.3').oncePer = 'project';
    clause(r, 'E5.4').oncePer = undefined;
    clause(r, 'E2.1.3').reading = 'INT-1';
    clause(r, 'E2.1.3').when = { fact: 'event', path: 'type', operator: 'equal', value: 'qualityAccident' };
    clause(r, 'E2.1.4').citation = { ...clause(r, 'E2.1.4').citation, clause: 'E2.1.4x' };
    clause(r, 'E2.1.3').provisional = { fields: ['points'], note: '暂定' };
    loose(clause(r, 'E2.1.3')).note = '新字段';
  }],
  ['clause points to levels and back, vetoes', enterprise, (r) => {
    const withLevels = r.indicators.flatMap((i) => i.items.flatMap((t) => t.clauses)).find((c) => c.levels && c.effect !== 'veto')!;
    withLevels.points = -3;
    delete withLevels.levels;
    const veto = r.indicators.flatMap((i) => i.items.flatMap((t) => t.clauses)).filter((c) => c.effect === 'veto');
    veto[0]!.vetoes = 'E3';
    delete veto[1]!.effect;
    veto[1]!.points = -5;
    clause(r, 'E2.1.3').effect = 'veto';
    delete clause(r, 'E2.1.3').points;
    clause(r, 'E2.1.3').reading = undefined;
  }],
  ['clause moved to an item of another kind', enterprise, (r) => {
    const moved = item(r, 'E2.1').clauses.splice(2, 1)[0]!;
    item(r, 'E2.2').clauses.push(moved);
    const check = item(r, 'E2.2').clauses.splice(0, 1)[0]!;
    item(r, 'E1').clauses.push(check);
  }],
  ['levels', enterprise, (r) => {
    const levelled = r.indicators.flatMap((i) => i.items.flatMap((t) => t.clauses)).filter((c) => c.levels && c.levels.length > 1);
    const [a, b] = [levelled[0]!, levelled[1]!];
    a.levels![0]!.label = '新档';
    a.levels![0]!.points = a.levels![0]!.points + 0.5;
    a.levels![1]!.when = { fact: 'event', path: 'type', operator: 'equal', value: 'x' };
    a.levels![1]!.provisional = { fields: ['points'], note: '暂定' };
    loose(a.levels![1]!).note = '新';
    a.levels!.push({ id: `${a.id}-new`, label: '新增档', points: -1 });
    b.levels!.splice(0, 1);
    b.levels![0]!.points = -b.levels![0]!.points;
  }],
  ['bonus levels', enterprise, (r) => {
    const gold = clause(r, 'E2.2.3').levels!;
    gold[0]!.points = 0;
    gold.push({ id: 'E2.2.3-new', label: '新档', points: 2 });
  }],
  ['grades', enterprise, (r) => {
    r.grades.find((g) => g.grade === 'AA+')!.min = 86;
    r.grades.splice(r.grades.findIndex((g) => g.grade === 'A'), 1);
    r.grades.splice(1, 0, { grade: 'AAA+', min: 95 });
    r.gradeCitation = { ...r.gradeCitation!, text: '新' };
  }],
  ['downgrades', enterprise, (r) => {
    const d = r.downgrades!;
    d.fromGrades = [...d.fromGrades, 'B'];
    d.floors.B = 45;
    d.floors['AA+'] = 86;
    d.floors.X = 1;
    delete d.floors[Object.keys(d.floors).find((g) => g !== 'B' && g !== 'AA+' && g !== 'X')!];
    d.floorCitation = { ...d.floorCitation, text: '新' };
    d.recalcMonths = 12;
    d.recalcCitation = { ...d.recalcCitation, clause: 'D4x' };
    d.reading = 'INT-1';
    d.citation = { ...d.citation, text: '新' };
    d.rules[0]!.label = '新名';
    d.rules[0]!.effect = d.rules[0]!.effect === 'lowest' ? 'oneGrade' : 'lowest';
    d.rules[1]!.when = { fact: 'event', path: 'type', operator: 'equal', value: 'x' };
    d.rules[1]!.citation = { ...d.rules[1]!.citation, text: '新' };
    loose(d.rules[1]!).note = '新';
    d.rules.splice(2, 1);
    d.rules.push({ ...structuredClone(d.rules[0]!), id: 'D9', label: '新降级', effect: 'oneGrade' });
    d.rules.push({ ...structuredClone(d.rules[0]!), id: 'D10', label: '新降级二', effect: 'lowest' });
    d.repeats[0]!.count = 3;
    d.repeats[0]!.withinMonths = 24;
    loose(d).note = '新';
  }],
  ['downgrades removed', enterprise, (r) => delete r.downgrades],
  ['parameters', projectLead, (r) => {
    r.parameters.announcementMonths!.value = 6;
    r.parameters.announcementMonths!.label = '公示期限新';
    r.parameters.contractThreshold!.unit = '万元';
    r.parameters.mutualRecognitionRegions!.value = ['宁波', '温州'];
    r.parameters.eligibleTitles!.value = [];
    r.parameters.homeRegion!.value = '宁波';
    r.parameters.homeRegion!.reading = 'INT-1';
    r.parameters.awardsScoredFrom!.citation = { ...r.parameters.awardsScoredFrom!.citation, text: '新' };
    r.parameters.awardsScoredFrom!.provisional = undefined;
    r.parameters.minExperienceProjects!.provisional = { fields: ['value'], note: '暂定' };
    loose(r.parameters.minExperienceProjects!).note = '新';
    r.parameters.newCount = { label: '新数', value: 3, citation: { clause: 'N9', text: '新' } };
    r.parameters.newList = { label: '新列表', value: [], citation: { clause: 'N9', text: '新' } };
    r.parameters.newMonths = { label: '新期限', value: 5, unit: '个月', citation: { clause: 'N9', text: '新' } };
    delete r.parameters.eligibleTitles;
  }],
  ['base rule', enterprise, (r) => {
    const b = r.baseRule!;
    b.lookbackMonths = 36;
    b.projectDefaultMonths = 12;
    b.projectCondition = undefined;
    b.citation = { ...b.citation, text: '新' };
    b.provisional = { fields: ['lookbackMonths'], note: '暂定' };
    loose(b).note = '新';
  }],
  ['base rule without a reading', enterprise, (r) => {
    delete r.baseRule!.reading;
    r.baseRule!.lookbackMonths = 12;
  }],
  ['base rule reading changed', enterprise, (r) => (r.baseRule!.reading = 'INT-1')],
  ['base rule removed', enterprise, (r) => delete r.baseRule],
  ['eligibility', projectLead, (r) => {
    const e = r.eligibility!;
    e.requirements[0]!.label = '新职称';
    e.requirements[0]!.when = { fact: 'record', path: 'title', operator: 'equal', value: 'senior' };
    e.requirements[0]!.reason = '新理由';
    e.requirements.splice(1, 1);
    e.requirements.push({ id: 'age', label: '年龄', when: { fact: 'record', path: 'age', operator: 'greaterThan', value: 18 }, reason: '年龄不足' });
    e.citation = { ...e.citation, clause: '第三条' };
  }],
  ['eligibility removed', projectLead, (r) => delete r.eligibility],
  ['conditions, readings, notes, event types', enterprise, (r) => {
    const names = Object.keys(r.conditions);
    r.conditions[names[0]!] = { fact: 'event', path: 'region', operator: 'equal', value: '宁波' };
    delete r.conditions[names[1]!];
    r.conditions.fresh = { fact: 'event', path: 'region', operator: 'equal', value: '温州' };
    r.eventCondition = { fact: 'event', path: 'region', operator: 'equal', value: '台州' };
    r.eventConditionLabel = '台州的事件';
    r.readings[0]!.title = '新标题';
    r.readings[1]!.note = '新说明';
    r.readings.splice(2, 1);
    r.readings.push({ id: 'INT-99', title: '新理解', note: '说明' });
    r.notes[0]!.text = '新原文';
    r.notes.splice(1, 1);
    r.notes.push({ clause: 'N99', text: '新备注' });
    const types = Object.keys(r.eventTypes);
    r.eventTypes[types[0]!]!.label = '新类型名';
    const accident = r.eventTypes.qualityAccident!;
    accident.attributes.severity = { ...accident.attributes.severity!, values: [...accident.attributes.severity!.values!.slice(1), 'tiny'] };
    accident.attributes.extra = { label: '附加', type: 'string' };
    delete accident.attributes.behaviour;
    const award = r.eventTypes.qualityAward!;
    award.attributes.project = { ...award.attributes.project!, required: true };
    delete r.eventTypes[types[1]!];
    r.eventTypes.newType = { label: '新事件', attributes: {} };
  }],
  ['event condition label dropped', enterprise, (r) => {
    delete r.eventConditionLabel;
    delete r.eventCondition;
  }],
];

/** Every pair, the shipped versions first. */
export const policyVariants: PolicyVariant[] = [
  { name: 'enterprise → n4', older: enterprise, newer: n4 },
  { name: 'n4 → enterprise', older: n4, newer: enterprise },
  { name: 'enterprise → project-lead', older: enterprise, newer: projectLead },
  { name: 'project-lead → enterprise', older: projectLead, newer: enterprise },
  ...edits.map(([name, base, edit]) => ({ name, older: base, newer: changed(base, edit) })),
];
