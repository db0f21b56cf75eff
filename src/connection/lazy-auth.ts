/**
 * The direct transport's view of the customer's sign-in, without the sign-in's code: whether this browser holds one
 * (a refresh token in storage) is read here; exchanging, refreshing and revoking load `auth.ts` (a chunk) the first
 * time they are needed. Anonymous chats never load it. A chunk that cannot load fails the step as a network error.
 */
import type { AuthCode } from '../protocol/model.js';
import { lazyStorage, type TokenStorage } from '../session-store.js';
import { MAX_TOKEN_LENGTH, authFailure, authStorageKey } from './auth-failure.js';
import type { DeploymentAuth, DeploymentAuthOptions } from './auth.js';

export class LazyAuth {
  private loaded: DeploymentAuth | null = null;
  private loading: Promise<DeploymentAuth> | null = null;
  /** The page's storage, opened on first use. */
  private readonly storageArea: () => TokenStorage;

  constructor(private readonly options: DeploymentAuthOptions) {
    this.storageArea = lazyStorage(options.storage);
  }

  /** True while a JWT or a stored refresh token exists (the next session is configured authenticated). */
  get signedIn(): boolean {
    if (this.loaded) return this.loaded.signedIn;
    try {
      const value = this.storageArea().getItem(authStorageKey(this.options.deploymentId));
      return !!value && value.length <= MAX_TOKEN_LENGTH;
    } catch {
      return false;
    }
  }

  async exchange(code: AuthCode): Promise<void> {
    return (await this.load()).exchange(code);
  }

  async currentJwt(): Promise<string> {
    return (await this.load()).currentJwt();
  }

  async refresh(): Promise<string> {
    return (await this.load()).refresh();
  }

  async revoke(): Promise<void> {
    if (!this.loaded && !this.signedIn) {
      this.forget(); // nothing held: nothing to end at Genesys
      return;
    }
    return (await this.load()).revoke();
  }

  forget(): void {
    if (this.loaded) {
      this.loaded.forget();
      return;
    }
    try {
      this.storageArea().removeItem(authStorageKey(this.options.deploymentId));
    } catch {
      // blocked storage: nothing stored
    }
  }

  /** Timers run only once a JWT is held, which means the sign-in is loaded. */
  startTimer(): void {
    this.loaded?.startTimer();
  }

  stopTimer(): void {
    this.loaded?.stopTimer();
  }

  private load(): Promise<DeploymentAuth> {
    this.loading ??= import('./auth.js').then(
      ({ DeploymentAuth }) => (this.loaded = new DeploymentAuth(this.options)),
      (error: unknown) => {
        this.loading = null; // try again next time
        console.warn('[genesys-chat] the sign-in could not be loaded', error);
        throw authFailure('network', 'The sign-in could not be loaded.');
      },
    );
    return this.loading;
  }
}
