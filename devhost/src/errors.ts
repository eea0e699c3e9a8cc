// Errors devhost raises on purpose; the CLI prints their message alone and exits non-zero.
export class DevhostConfigError extends Error {
  override readonly name = "DevhostConfigError";
}

/** The app could not be loaded or registered something devhost cannot serve. */
export class AppLoadError extends Error {
  override readonly name = "AppLoadError";
}
