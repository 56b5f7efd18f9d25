/** Every kind of record, action, field and code the audit log can hold has a Chinese name. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, auditFieldLabel, CODED_AUDIT_FIELDS, HIDDEN_AUDIT_FIELDS } from '../../src/shared/audit/labels';
import { CASE_ACTIONS } from '../../src/shared/domain/codes';
import * as schemas from '../../src/shared/schemas';

const CJK = /[\u4e00-\u9fff]/;

/** Field names of a schema, nested objects and the branches of a union included. */
function keysOf(schema: z.ZodType, out = new Set<string>()): Set<string> {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'object':
      for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        out.add(k);
        keysOf(v, out);
      }
      break;
    case 'union':
      for (const o of def.options as z.ZodType[]) keysOf(o, out);
      break;
    case 'pipe':
      keysOf(def.in as z.ZodType, out);
      keysOf(def.out as z.ZodType, out);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      keysOf(def.innerType as z.ZodType, out);
      break;
    case 'array':
      keysOf(def.element as z.ZodType, out);
      break;
  }
  return out;
}

/** The kind of record each form schema's fields are logged under. */
const ENTITY_OF_SCHEMA: Record<string, string> = {
  orgFieldsSchema: 'org',
  partyOrgFieldsSchema: 'partyOrg',
  instructorFieldsSchema: 'instructor',
  assignSchema: 'assignment',
  settingsSchema: 'settings',
  regionFieldsSchema: 'region',
  caseCreateSchema: 'case',
  casePlanSchema: 'case',
  caseActSchema: 'case',
};

/** Fields the services add to what the forms send (snapshots, tags, stored rows, summaries). */
const LOGGED_EXTRAS: Record<string, string[]> = {
  case: ['state', 'deadline', 'acceptedDate', 'acceptScore', 'delistedDate', 'event', 'isRepeat'],
  org: ['partyOrgId', 'futureAssignments', 'importFile', 'importRow', 'exchangeFile', 'exchangeSource', 'regionName'],
  partyOrg: [
    'coveredOrgIds',
    'removedCoveredOrgIds',
    'reason',
    'coveredOrgKeys',
    'importFile',
    'importRow',
    'exchangeFile',
    'exchangeSource',
  ],
  instructor: ['assignments', 'importFile', 'importRow', 'exchangeFile', 'exchangeSource'],
  assignment: ['toDate'],
  region: ['name', 'kind', 'code', 'sort_order', 'created_at', 'sortOrder', 'order', 'exchangeFile', 'exchangeSource'],
  class: ['partyOrgIds', 'partyOrgId', 'class'],
  rating: ['partyOrgId', 'year', 'stars', 'assessedDate'],
  member_year: ['orgId', 'year', 'formal', 'probationary', 'activists', 'candidates', 'newMembers', 'importFile', 'importRow'],
  exchange: [
    'exchangeFile',
    'exchangeSource',
    'counts',
    'contentSha256',
    'encrypted',
    'exportedAt',
    'regionsCreated',
    'created',
    'updated',
    'keptLocal',
    'unchanged',
    'skipped',
  ],
  ledger: ['regions', 'orgs', 'partyOrgs', 'instructors', 'cases'],
  screening_deferral: ['partyOrgId', 'partyOrgName', 'year', 'reason', 'createdAt'],
  leader: ['name', 'title', 'unit', 'level', 'sort', 'active'],
  grid: ['partyOrgId', 'name', 'instructorId', 'contactCards', 'contactCardsDate', 'remarks', 'orgIds', 'importFile', 'importRow'],
};

const unlabelled = (entity: string, keys: Iterable<string>) =>
  [...keys].filter((k) => !HIDDEN_AUDIT_FIELDS.has(k) && !CJK.test(auditFieldLabel(entity, k) ?? ''));

describe('audit labels', () => {
  it('names every field of every form schema in shared/schemas, under the record it is logged for', () => {
    const found = Object.entries(schemas).filter(([name]) => name.endsWith('Schema'));
    expect(found.length).toBeGreaterThanOrEqual(Object.keys(ENTITY_OF_SCHEMA).length);
    for (const [name, schema] of found) {
      const entity = ENTITY_OF_SCHEMA[name] ?? '';
      expect(unlabelled(entity, keysOf(schema as z.ZodType)), name).toEqual([]);
    }
  });

  it('names every field the services add to the logged rows', () => {
    for (const [entity, keys] of Object.entries(LOGGED_EXTRAS)) expect(unlabelled(entity, keys), entity).toEqual([]);
  });

  it('names every kind of record and every action written to the log', () => {
    const dir = path.resolve(__dirname, '../../src/main/core');
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const entities = new Set<string>();
    const actions = new Set<string>();
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const m of text.matchAll(/\.audit\(\s*'([^']+)',\s*[^,]+,\s*(?:'([^']+)')?/g)) {
        entities.add(m[1] as string);
        if (m[2]) actions.add(m[2]);
      }
    }
    expect(entities.size).toBeGreaterThan(8);
    expect([...entities].filter((e) => !CJK.test(AUDIT_ENTITIES[e] ?? ''))).toEqual([]);
    expect([...actions, ...CASE_ACTIONS.map((a) => a.code)].filter((a) => !CJK.test(AUDIT_ACTIONS[a] ?? ''))).toEqual([]);
  });

  it('names every code of every coded field in Chinese (评估等级 1A—5A are names themselves)', () => {
    for (const [field, table] of Object.entries(CODED_AUDIT_FIELDS)) {
      for (const row of table) expect(CJK.test(row.label) || /^[1-5]A$/.test(row.label), `${field}.${row.code}`).toBe(true);
      expect(CJK.test(auditFieldLabel('', field) ?? ''), field).toBe(true);
    }
  });
});
