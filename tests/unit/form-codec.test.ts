import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formCodec } from '../../src/main/core/formCodec';
import { modelSiteFieldsSchema } from '../../src/shared/records/modelSites';
import { instructorFieldsSchema, orgFieldsSchema, partyOrgFieldsSchema } from '../../src/shared/schemas';

describe('formCodec: a form schema is all a record needs to be stored', () => {
  it('selects every field of the schema, in its order, under the alias (omitted fields left out)', () => {
    expect(formCodec(orgFieldsSchema, 'o').columns).toEqual(Object.keys(orgFieldsSchema.shape).map((k) => `o.${k}`));
    const p = formCodec(partyOrgFieldsSchema, 'p', ['coveredOrgIds']).columns;
    expect(p).not.toContain('p.coveredOrgIds');
    expect(p).toHaveLength(Object.keys(partyOrgFieldsSchema.shape).length - 1);
    expect(formCodec(instructorFieldsSchema, 'i').columns[0]).toBe('i.name');
    expect(formCodec(modelSiteFieldsSchema, 'm').columns).toContain('m.fiveStar');
  });

  it('stores an organization’s six yes/no boxes as 0/1 and nothing else changes', () => {
    const form = orgFieldsSchema.parse({ name: '甲公司', category: 'nonpublic', subtype: 'company', regionId: 1, hasUnion: true });
    const stored = formCodec(orgFieldsSchema, 'o').encode(form);
    expect(stored).toMatchObject({
      hasUnion: 1,
      hasYouthLeague: 0,
      legalRepIsMember: 0,
      investorIsMember: 0,
      hasWomenFederation: 0,
      outOfScope: 0,
    });
    expect(stored.name).toBe('甲公司');
    expect(stored.employees).toBe(0);
    expect(formCodec(orgFieldsSchema, 'o').decode(stored)).toEqual(form);
  });

  it('stores a party organization’s checklist as JSON text and its 书记兼负责人 box as 0/1; covered organizations are not a column', () => {
    const codec = formCodec(partyOrgFieldsSchema, 'p', ['coveredOrgIds']);
    const form = partyOrgFieldsSchema.parse({
      name: '甲公司党支部',
      type: 'branch',
      method: 'single',
      regionId: 1,
      secretaryIsHead: true,
      venueChecklist: ['有场地', '有牌子'],
      coveredOrgIds: [5],
    });
    const stored = codec.encode(form);
    expect(stored.secretaryIsHead).toBe(1);
    expect(stored.venueChecklist).toBe('["有场地","有牌子"]');
    expect(stored).not.toHaveProperty('coveredOrgIds');
    const { coveredOrgIds: _, ...fields } = form;
    expect(codec.decode(stored)).toEqual(fields);
  });

  it('looks through default, optional and nullable wrappers; other columns of a row pass untouched', () => {
    const schema = z.object({
      a: z.boolean().optional(),
      b: z.boolean().nullable().default(null),
      c: z.array(z.number()).default([]),
      d: z.string(),
    });
    const codec = formCodec(schema, 't');
    expect(codec.encode({ a: true, b: false, c: [1], d: 'x' })).toEqual({ a: 1, b: 0, c: '[1]', d: 'x' });
    expect(codec.decode({ a: 1, b: 0, c: '[2]', d: 'y', id: 7 })).toEqual({ a: true, b: false, c: [2], d: 'y', id: 7 });
  });

  it('knows a preprocessed box or list by what it comes out as; a preprocessed number stays as it is', () => {
    const blank = (v: unknown) => (v === '' ? null : v);
    const schema = z.object({
      a: z.preprocess(blank, z.boolean().nullable().default(false)),
      b: z.preprocess(blank, z.array(z.string()).default([])),
      n: z.preprocess(blank, z.number().nullable().default(null)),
    });
    expect(formCodec(schema, 't').encode({ a: true, b: ['x'], n: 3 })).toEqual({ a: 1, b: '["x"]', n: 3 });
  });
});
