import { ChatWidget } from './chat-widget';
import { pickLocale } from './i18n';

// Entry of widget.js. Embedding is one tag:
//   <script src="https://parley.example/widget.js" data-website-token="TOKEN" async></script>
// or, for pages that want control, window.Parley.init({ websiteToken, baseUrl?, locale? }).
// Settings may also be put on window.parleySettings before the script loads.

export interface ParleyInitOptions {
  websiteToken: string;
  /** Where the Parley api lives; defaults to the origin widget.js was loaded from. */
  baseUrl?: string;
  /** 'en' | 'ru'; defaults to the browser language. */
  locale?: string;
  /** Offer the optional name/email form before the first message (default true). */
  preChat?: boolean;
  /** Accent colour of the launcher, header and visitor bubbles. */
  color?: string;
}

export interface ParleyApi {
  init(options: ParleyInitOptions): void;
  open(): void;
  close(): void;
}

declare global {
  interface Window {
    Parley?: ParleyApi;
    parleySettings?: Partial<ParleyInitOptions>;
  }
}

// document.currentScript is only set while this file first runs, async or not: read it now.
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;

function scriptOrigin(): string {
  try {
    if (script?.src) return new URL(script.src, location.href).origin;
  } catch {
    // Unparseable src: fall through to the page origin.
  }
  return location.origin;
}

function whenBodyReady(run: () => void): void {
  if (document.body) run();
  else document.addEventListener('DOMContentLoaded', run, { once: true });
}

function createParley(): ParleyApi {
  let widget: ChatWidget | null = null;
  let openWhenReady = false;

  return {
    init(options) {
      if (widget) {
        console.warn('[Parley] init() called twice; the first configuration stays.');
        return;
      }
      if (!options?.websiteToken) {
        console.error('[Parley] init() needs a websiteToken.');
        return;
      }
      const instance = new ChatWidget({
        websiteToken: options.websiteToken,
        baseUrl: options.baseUrl || scriptOrigin(),
        locale: pickLocale(options.locale, navigator.language),
        preChat: options.preChat !== false,
        color: options.color,
      });
      widget = instance;
      whenBodyReady(() => {
        instance.mount();
        if (openWhenReady) instance.open();
      });
    },
    open() {
      openWhenReady = true;
      widget?.open();
    },
    close() {
      openWhenReady = false;
      widget?.close();
    },
  };
}

function boot(): void {
  if (window.Parley) return; // widget.js included twice
  const parley = createParley();
  window.Parley = parley;

  const data = script?.dataset ?? {};
  const options: Partial<ParleyInitOptions> = { ...window.parleySettings };
  if (data.websiteToken) options.websiteToken = data.websiteToken;
  if (data.baseUrl) options.baseUrl = data.baseUrl;
  if (data.locale) options.locale = data.locale;
  if (data.color) options.color = data.color;
  if (data.preChat) options.preChat = data.preChat !== 'false' && data.preChat !== 'off';
  if (options.websiteToken) parley.init(options as ParleyInitOptions);
}

boot();
