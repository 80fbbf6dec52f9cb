import type { ClassRow, Learner, LearnerSignInStatus, Page, SignInPicture } from '@lawh/shared';
import { useEffect, useRef } from 'preact/hooks';
import { useApp } from '../../app/context';
import { pictureLabelKey, SignInPictureIcon } from '../../ui/sign-in-pictures';
import { useFetch } from '../../ui/use-fetch';
import { personName } from './people-labels';
import './learner-card.css';

/** What the teacher set on this page in this visit: the server keeps only hashes of either. */
export interface JustSet {
  pictures: SignInPicture[] | null;
  pin: string | null;
}

/**
 * A card to print and give the learner: name, school and classes, and how they sign in on a shared
 * tablet. Pictures and PIN digits are known only right after the teacher sets them, so a card made
 * later says "set" instead; the PIN digits are never printed unless set in this visit.
 */
export function LearnerCard({
  learner,
  status,
  justSet,
  onClose,
}: {
  learner: Learner;
  status: LearnerSignInStatus | null;
  justSet: JustSet;
  onClose: () => void;
}) {
  const { t, locale } = useApp();
  const classes = useFetch<Page<ClassRow>>(
    `/api/v1/classes?learnerId=${encodeURIComponent(learner.id)}&sort=title&pageSize=50`,
  );
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // The other script's spelling of the name helps whoever reads the card to the learner.
  const other = locale === 'ar' ? `${learner.givenName} ${learner.familyName}` : learner.nameAr;
  const pictures = justSet.pictures;
  const classTitles = classes.data?.items.map((c) => c.title).join(' · ');

  return (
    <section class="learner-card-sheet" aria-labelledby="learner-card-title">
      <article class="learner-card" data-testid="learner-card">
        <h3 id="learner-card-title" tabIndex={-1} ref={heading}>
          {t('learnerCard.title')}
        </h3>
        <p class="learner-card-name">
          <bdi>{personName(learner, locale)}</bdi>
          {other && (
            <span class="learner-card-other" lang={locale === 'ar' ? undefined : 'ar'} dir="auto">
              {other}
            </span>
          )}
        </p>
        <dl class="facts">
          <dt>{t('picker.school')}</dt>
          <dd>
            <bdi>{learner.schoolName}</bdi>
          </dd>
          {classTitles && (
            <>
              <dt>{t('learnerCard.classes')}</dt>
              <dd data-testid="learner-card-classes">
                <bdi>{classTitles}</bdi>
              </dd>
            </>
          )}
        </dl>
        {pictures ? (
          <>
            <h4>{t('learnerCard.pictures')}</h4>
            <ol class="learner-card-pictures" data-testid="learner-card-pictures">
              {pictures.map((p, i) => (
                <li key={p} data-picture={p}>
                  <span class="learner-card-step" aria-hidden="true">
                    {i + 1}
                  </span>
                  <SignInPictureIcon name={p} size={72} />
                  <span>{t(pictureLabelKey(p))}</span>
                </li>
              ))}
            </ol>
          </>
        ) : (
          status?.pictureCode && (
            <p data-testid="learner-card-picture-set">{t('learnerCard.pictureCodeSet')}</p>
          )
        )}
        {justSet.pin ? (
          <p class="learner-card-pin">
            {t('learnerCard.pin')}{' '}
            <strong dir="ltr" data-testid="learner-card-pin">
              {justSet.pin}
            </strong>
          </p>
        ) : (
          status?.pin && <p data-testid="learner-card-pin-set">{t('learnerCard.pinSet')}</p>
        )}
        {!pictures && !justSet.pin && !status?.pictureCode && !status?.pin && (
          <p>{t('learnerCard.nothingSet')}</p>
        )}
        <p class="learner-card-hint">{t('learnerCard.keepPrivate')}</p>
      </article>
      <div class="form-actions learner-card-actions">
        <button type="button" class="primary" onClick={() => window.print()}>
          {t('learnerCard.printNow')}
        </button>
        <button type="button" onClick={onClose}>
          {t('learnerCard.close')}
        </button>
      </div>
    </section>
  );
}
