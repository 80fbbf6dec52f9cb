import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database';
import { authRoutes } from './auth/auth.routes';
import { schoolsRoutes } from './schools/schools.routes';

/** Every feature's routes, registered by buildApp. Add a feature here. */
export const features: Array<(app: FastifyInstance, database: Database) => void> = [
  (app, { db }) => authRoutes(app, db),
  (app, { db }) => schoolsRoutes(app, db),
];
