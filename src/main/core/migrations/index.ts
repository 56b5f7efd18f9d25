/** Numbered migrations, provided in code so they survive bundling. Add new ones at the end. */
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_ledger_core';
import * as m0002 from './0002_cases_classes';
import * as m0003 from './0003_exchange';
import * as m0004 from './0004_screening_deferrals';
import * as m0005 from './0005_case_references';
import * as m0006 from './0006_funding';
import * as m0007 from './0007_trainings';
import * as m0008 from './0008_activities';
import * as m0009 from './0009_grids';
import * as m0010 from './0010_sites_groups_inspections';
import * as m0011 from './0011_member_years';
import * as m0012 from './0012_orgs_region_live';
import * as m0013 from './0013_accounts';
import * as m0014 from './0014_versions';

const migrations: Record<string, Migration> = {
  '0001_ledger_core': m0001,
  '0002_cases_classes': m0002,
  '0003_exchange': m0003,
  '0004_screening_deferrals': m0004,
  '0005_case_references': m0005,
  '0006_funding': m0006,
  '0007_trainings': m0007,
  '0008_activities': m0008,
  '0009_grids': m0009,
  '0010_sites_groups_inspections': m0010,
  '0011_member_years': m0011,
  '0012_orgs_region_live': m0012,
  '0013_accounts': m0013,
  '0014_versions': m0014,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
