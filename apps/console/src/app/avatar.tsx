import { avatarHue, initials } from './avatar-initials';

export function Avatar({ name, seed, size = 'md' }: { name: string; seed: string; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <span className={`avatar avatar--${size}`} style={{ backgroundColor: `hsl(${avatarHue(seed)} 55% 46%)` }} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
