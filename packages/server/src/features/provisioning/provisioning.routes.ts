import { device, enrolmentCodeResponse, enrolRequest, enrolResponse, idParams } from '@lawh/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { authOf } from '../../plugins/auth';
import { provisioningService } from './provisioning.service';

/** The origin the browser used to reach this server, so the QR code opens the same app. */
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export function provisioningRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  const provisioning = provisioningService(db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['provisioning'];

  r.post(
    '/api/v1/devices/:id/enrolment-codes',
    {
      schema: {
        tags,
        summary:
          'A single-use enrolment code for this tablet, valid 30 minutes (older unused codes stop working)',
        params: idParams,
        response: { 201: enrolmentCodeResponse },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await provisioning.makeEnrolmentCode(authOf(req), req.params.id, originOf(req))),
  );
  r.post(
    '/api/v1/devices/:id/revoke-credential',
    {
      schema: {
        tags,
        summary: 'Revoke every credential of this tablet: it stops syncing at its next contact',
        params: idParams,
        response: { 200: device },
      },
    },
    (req) => provisioning.revokeCredential(authOf(req), req.params.id),
  );
  // The tablet has neither a session nor a credential yet: the code is its only proof, so the
  // route is rate-limited like the login.
  r.post(
    '/api/sync/v1/enrol',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'A new tablet trades an enrolment code for its device credential',
        body: enrolRequest,
        response: { 200: enrolResponse },
      },
    },
    (req) => provisioning.enrol(req.body),
  );
}
