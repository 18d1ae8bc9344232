// Global setup of the `integration-pg` project: one throwaway PostgreSQL server for the whole run.
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../../bench/postgres-server.js';

export default async function setup(project: TestProject) {
  const server = await startPostgres();
  project.provide('pgUrl', server.url);
  project.provide('pgDataDir', server.dataDir);
  return () => server.stop();
}
