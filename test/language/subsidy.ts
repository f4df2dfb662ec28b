/**
 * A small ruleset of another kind than Taizhou's tables, for the language's own tests: a
 * subsidy schedule paying 万元 per award, with no grades and no 100-point table. Tests take
 * a fresh copy and change what they test.
 */
import { CreditRulesError, loadRuleset, type CompiledRuleset, type EntityRecord, type ErrorCode, type Ruleset } from '../../engine/index.js';

/** A citation: the clause and the text a rule implements. */
export const cite = (clause: string, text: string) => ({ clause, text });

export function subsidyRuleset(): Ruleset {
  return {
    id: 'subsidy-test',
    title: '科技项目奖励(测试用)',
    version: '1',
    status: 'official',
    effectiveFrom: '2024-01-01',
    effectiveTo: '2026-12-31',
    entityKind: 'applicant',
    unit: '万元',
    source: { document: '测试〔2024〕1号', title: '测试用奖励办法', date: '2024-01-01' },
    readings: [],
    notes: [],
    parameters: {},
    conditions: {},
    recordFields: { registeredCapital: { label: '注册资本(万元)', type: 'number' } },
    eventTypes: {
      award: {
        label: '获奖',
        attributes: {
          level: { label: '级别', type: 'enum', values: ['national', 'province', 'city'], required: true },
          subject: { label: '项目', type: 'string' },
          appliedOn: { label: '申报日期', type: 'date' },
        },
      },
      platform: {
        label: '创新平台',
        attributes: { subject: { label: '项目', type: 'string' }, appliedOn: { label: '申报日期', type: 'date' } },
      },
    },
    indicators: [
      {
        id: 'S1',
        label: '科技奖励',
        items: [
          {
            id: 'S1.1',
            label: '获奖奖励',
            kind: 'bonus',
            citation: cite('第三条', '国家级奖励 100 万元,省级 50 万元,市级 10 万元'),
            clauses: [
              {
                id: 'S1.1.1',
                label: '获奖',
                citation: cite('第三条', '国家级奖励 100 万元,省级 50 万元,市级 10 万元'),
                when: { fact: 'event', path: 'type', operator: 'equal', value: 'award' },
                window: { months: 12 },
                levels: [
                  { id: 'S1.1.1-national', label: '国家级', when: { fact: 'event', path: 'level', operator: 'equal', value: 'national' }, points: 100 },
                  { id: 'S1.1.1-province', label: '省级', when: { fact: 'event', path: 'level', operator: 'equal', value: 'province' }, points: 50 },
                  { id: 'S1.1.1-city', label: '市级', when: { fact: 'event', path: 'level', operator: 'equal', value: 'city' }, points: 10 },
                ],
              },
            ],
          },
        ],
      },
      {
        id: 'S2',
        label: '平台奖励',
        items: [
          {
            id: 'S2.1',
            label: '创新平台',
            kind: 'bonus',
            citation: cite('第四条', '新认定的创新平台奖励 30 万元'),
            clauses: [
              {
                id: 'S2.1.1',
                label: '创新平台',
                citation: cite('第四条', '新认定的创新平台奖励 30 万元'),
                when: { fact: 'event', path: 'type', operator: 'equal', value: 'platform' },
                window: { months: 12 },
                points: 30,
              },
            ],
          },
        ],
      },
    ],
    grades: [],
  };
}

export function compile(ruleset: Ruleset): CompiledRuleset {
  return loadRuleset(ruleset, { file: `${ruleset.id}.json` });
}

/** What loading `ruleset` refuses: the error's code and each problem's path, code and message; `undefined` when it loads. */
export function problemsOf(ruleset: Ruleset): { code: ErrorCode; problems: [string, string | undefined, string][] } | undefined {
  try {
    loadRuleset(ruleset);
  } catch (error) {
    if (error instanceof CreditRulesError) return { code: error.code, problems: error.problems.map((p) => [p.path, p.code, p.message]) };
    throw error;
  }
  return undefined;
}

type Ev = { id: string; type: string; date: string } & Record<string, unknown>;

export function applicant(events: Ev[], extra: Partial<EntityRecord> = {}): EntityRecord {
  return { id: 'A1', kind: 'applicant', events, ...extra };
}
