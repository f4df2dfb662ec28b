/** Problems inside a case named as the case form names the field, in either language. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Ruleset, SampleCase } from '../../engine/index.js';
import { createEditorI18n } from '../../editor/i18n.js';
import { casePlaceOf } from '../../editor/model/casePlace.js';

const repo = path.resolve(import.meta.dirname, '../..');
const ruleset = JSON.parse(readFileSync(path.join(repo, 'rulesets/enterprise.json'), 'utf8')) as Ruleset;
const sample = JSON.parse(readFileSync(path.join(repo, 'test/fixtures/editor-cases/e213-two-general-accidents.json'), 'utf8')) as SampleCase;
const eventWithAttribute = sample.record.events!.findIndex((e) => Object.keys(ruleset.eventTypes[e.type]?.attributes ?? {}).some((a) => a in e));
const attribute = Object.keys(ruleset.eventTypes[sample.record.events![eventWithAttribute]!.type]!.attributes).find((a) => a in sample.record.events![eventWithAttribute]!)!;

function placeIn(locale: 'zh-CN' | 'en') {
  const { t } = createEditorI18n(locale).global;
  return (pathKey: string, recordOnly = false) => casePlaceOf(sample, pathKey, (key, values) => t(`caseForm.${key}`, values ?? {}), ruleset.eventTypes, recordOnly);
}

describe('a place inside a case', () => {
  it('names events, projects, the licence and the expected result in Chinese', () => {
    const place = placeIn('zh-CN');
    expect(place('$.record.events[1].date')).toBe('事件 2 · 发文日期');
    expect(place('$.events[1].date', true)).toBe('事件 2 · 发文日期');
    expect(place(`$.record.events[${eventWithAttribute}].${attribute}`)).toBe(`事件 ${eventWithAttribute + 1} · ${ruleset.eventTypes[sample.record.events![eventWithAttribute]!.type]!.attributes[attribute]!.label}`);
    expect(place('$.record.projects[0].completionDate')).toBe('工程项目 1 · 竣工验收日');
    expect(place('$.record.licence.landscapingScope')).toBe('有营业执照 · 经营范围包含园林绿化工程施工');
    expect(place('$.expected.score')).toBe('预期结果 · 预期得分');
    expect(place('$.asOf')).toBe('评价日');
    expect(place('$.record.id')).toBe('编号');
  });

  it('says the same in English', () => {
    const place = placeIn('en');
    expect(place('$.events[1].date', true)).toBe('event 2 · Document date');
    expect(place('$.asOf')).toBe('Evaluation date');
  });

  it('writes a key the form does not show as it is', () => {
    expect(placeIn('zh-CN')('$.record.somethingElse[2]')).toBe('somethingElse · 2');
  });
});
