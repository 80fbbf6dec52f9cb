import { guardianNoteSavedPayload } from '@lawh/shared';
import type { TeacherEventHandler } from '../teacher-events/handlers';
import { insightService } from './insight.service';

// The teacher's weekly note from the outbox (registered in teacher-events/handlers.ts): the same
// service as the REST route, the note set whole, so a resent event changes nothing and an older
// save that arrives late does not overwrite a newer one.
export const guardianNoteSaved: TeacherEventHandler<typeof guardianNoteSavedPayload> = {
  kind: 'guardianNote.saved',
  v: 1,
  payload: guardianNoteSavedPayload,
  apply: (db, auth, p, meta) =>
    insightService(db).saveNote(
      auth,
      p.learnerId,
      { classId: p.classId, week: p.week, body: p.body },
      meta.clientTs,
    ),
};
