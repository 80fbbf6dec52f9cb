import type { SignInPicture } from '@lawh/shared';
import type { JSX } from 'preact';
import type { MessageKey } from '../i18n';

// The twelve pictures of the learner sign-in grid (SIGN_IN_PICTURES), drawn as small inline SVGs so
// they work offline, need no media download and obey the CSP (presentation attributes, no inline
// style). Shapes and colours are chosen to be told apart by a six-year-old and by colour-blind eyes:
// every picture has a distinct outline, colour only helps. Used by the teacher's page that sets a
// picture code and by the tablet's sign-in screen.

type Art = () => JSX.Element;

const ART: Record<SignInPicture, Art> = {
  sun: () => (
    <>
      <circle cx="24" cy="24" r="9" fill="#f5b700" />
      <g stroke="#e08a00" stroke-width="3" stroke-linecap="round">
        <path d="M24 4v6M24 38v6M4 24h6M38 24h6M9.9 9.9l4.2 4.2M33.9 33.9l4.2 4.2M9.9 38.1l4.2-4.2M33.9 14.1l4.2-4.2" />
      </g>
    </>
  ),
  moon: () => <path d="M30 6a18 18 0 1 0 12 30A15 15 0 0 1 30 6z" fill="#5b6bbf" />,
  star: () => (
    <path
      d="M24 4l5.9 12.2 13.4 1.8-9.8 9.3 2.4 13.3L24 34.2 12.1 40.6l2.4-13.3-9.8-9.3 13.4-1.8z"
      fill="#f0c419"
      stroke="#c99a00"
      stroke-width="1.5"
    />
  ),
  tree: () => (
    <>
      <rect x="21" y="30" width="6" height="14" fill="#8b5a2b" />
      <circle cx="24" cy="19" r="14" fill="#2e8b3d" />
    </>
  ),
  flower: () => (
    <>
      <path d="M24 28v16" stroke="#2e8b3d" stroke-width="3" />
      <g fill="#e0457b">
        <circle cx="24" cy="10" r="6" />
        <circle cx="32" cy="17" r="6" />
        <circle cx="29" cy="26" r="6" />
        <circle cx="19" cy="26" r="6" />
        <circle cx="16" cy="17" r="6" />
      </g>
      <circle cx="24" cy="19" r="4.5" fill="#f5b700" />
    </>
  ),
  fish: () => (
    <>
      <path d="M6 24c6-10 22-12 30 0-8 12-24 10-30 0z" fill="#1e88c8" />
      <path d="M36 24l8-8v16z" fill="#1e88c8" />
      <circle cx="14" cy="22" r="2" fill="#fff" />
    </>
  ),
  bird: () => (
    <>
      <ellipse cx="22" cy="28" rx="14" ry="10" fill="#d9482b" />
      <circle cx="34" cy="18" r="7" fill="#d9482b" />
      <path d="M40 17l6 2-6 2z" fill="#f5b700" />
      <path d="M12 26l-8-6 4 10z" fill="#a83520" />
      <circle cx="35" cy="16.5" r="1.5" fill="#fff" />
    </>
  ),
  cat: () => (
    <>
      <path d="M10 20L12 6l9 8h6l9-8 2 14v10a14 12 0 0 1-28 0z" fill="#6d6d6d" />
      <circle cx="18" cy="24" r="2.2" fill="#fff" />
      <circle cx="30" cy="24" r="2.2" fill="#fff" />
      <path d="M22 30h4l-2 2z" fill="#f29bb0" />
    </>
  ),
  camel: () => (
    <path
      d="M6 16l5-3 3 4v8c3-8 7-10 10-4 3-6 8-5 10 2 3 0 6 2 6 6v15h-3V32l-2 12h-3l-1-10H17l-2 10h-3l1-12-3 12H7l1-16-3-8z"
      fill="#c08a3e"
    />
  ),
  apple: () => (
    <>
      <path d="M24 14c-6-4-16-2-16 10 0 10 8 20 16 17 8 3 16-7 16-17 0-12-10-14-16-10z" fill="#d8232a" />
      <path d="M24 14c0-4 2-8 6-9" stroke="#6b4226" stroke-width="2.5" fill="none" />
      <path d="M26 10c4-4 9-3 10-1-3 3-7 3-10 1z" fill="#2e8b3d" />
    </>
  ),
  boat: () => (
    <>
      <path d="M24 6v24" stroke="#6b4226" stroke-width="2.5" />
      <path d="M25 8l14 20H25z" fill="#f2f2f2" stroke="#1e88c8" stroke-width="1.5" />
      <path d="M6 32h36l-6 10H12z" fill="#8b5a2b" />
    </>
  ),
  house: () => (
    <>
      <path d="M6 24L24 8l18 16z" fill="#c0392b" />
      <rect x="11" y="24" width="26" height="18" fill="#e8c07d" />
      <rect x="20" y="30" width="8" height="12" fill="#6b4226" />
    </>
  ),
};

/** The catalogue key of each picture's name, read aloud by screen readers and shown under it. */
export const pictureLabelKey = (name: SignInPicture): MessageKey => `signIn.picture.${name}`;

/** One picture, decorative: the button or figure around it carries the name. */
export function SignInPictureIcon({ name, size = 48 }: { name: SignInPicture; size?: number }) {
  const Draw = ART[name];
  return (
    <svg
      viewBox="0 0 48 48"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
      class="sign-in-picture"
    >
      <Draw />
    </svg>
  );
}
