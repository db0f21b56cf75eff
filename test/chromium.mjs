// The one place that says which browser every launcher uses: Debian's Chromium (tool downloads fail here).
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Chromium 156 opens its WebUI omnibox popups (chrome://omnibox-popup.top-chrome/, a renderer each) for every new
 * window, headless too: each burns about half a core for a while after a Playwright context opens its page, on a
 * 2-core machine, while that page is being measured or tested. Off, the same build's first render went from 67-248 ms
 * to mostly 48-68 (docs/bench.md, eleventh pass).
 */
const QUIET_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];
/**
 * Playwright 1.65's own `--disable-features` list: Chromium keeps only the last `--disable-features` switch and
 * Playwright does not merge a second one into its own (puppeteer, under web-test-runner, does), so ours repeats it.
 * test/e2e/browser-flags.spec.ts fails, naming what to add, when a Playwright upgrade changes its list.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay', 'MediaRouter', 'PaintHolding', 'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin', 'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch',
  'msForceBrowserSignIn', 'msEdgeUpdateLaunchServicesPreferredVersion', // Edge's; repeated so the list stays whole
];

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...QUIET_FEATURES].join(',')}`,
];
