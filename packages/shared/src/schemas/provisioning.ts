import { z } from 'zod';
import { isoDateTime } from './common';
import { pictureCode, pin } from './sync';

// The tablet register's side of provisioning, and the teacher's side of learner sign-in. The wire
// contract the tablet itself speaks (enrol request and response) is in ./sync.

/** A fresh enrolment code, shown once: typed on the tablet or scanned as a QR code of `enrolUrl`. */
export const enrolmentCodeResponse = z.strictObject({
  /** XXXX-XXXX */
  code: z.string(),
  expiresAt: isoDateTime,
  /** The app's enrol page with the code, e.g. https://hub.local/enrol?code=ABCD-EFGH */
  enrolUrl: z.string(),
});
export type EnrolmentCodeResponse = z.infer<typeof enrolmentCodeResponse>;

/** A PIN one digit four times (0000) or a run (1234, 9876): the first a classmate would try. */
export function isGuessablePin(p: string): boolean {
  const d = [...p].map(Number);
  const steps = new Set(d.slice(1).map((x, i) => x - (d[i] as number)));
  return steps.size === 1 && [0, 1, -1].includes([...steps][0] as number);
}

/** A PIN a teacher may set: four digits, not one a classmate would guess first. */
export const newPin = pin.refine((p) => !isGuessablePin(p), { message: 'too easy to guess' });

/** Set one or both of a learner's tablet secrets; what is left out stays as it is. */
export const learnerSignInInput = z
  .strictObject({ pictureCode: pictureCode.optional(), pin: newPin.optional() })
  .refine((v) => v.pictureCode !== undefined || v.pin !== undefined, {
    message: 'give a picture code, a PIN or both',
    path: ['pictureCode'],
  });
export type LearnerSignInInput = z.infer<typeof learnerSignInInput>;

/** Whether each secret is set; the secrets and their hashes never leave the server this way. */
export const learnerSignInStatus = z.strictObject({
  pictureCode: z.boolean(),
  pin: z.boolean(),
  updatedAt: isoDateTime.nullable(),
});
export type LearnerSignInStatus = z.infer<typeof learnerSignInStatus>;
