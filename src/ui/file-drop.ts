/**
 * Files dropped on the panel or pasted into it go through the composer's upload (same type and size checks, same
 * chips). While files are dragged over the panel an overlay says where to drop them. Listens on the shadow root, so
 * the templates need no handlers of their own.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { UiContext } from './context.js';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

export interface FileDropOptions {
  /** Whether files can be attached right now (the deployment allows it, the conversation is not read-only). */
  enabled(): boolean;
  onFiles(files: File[]): void;
}

const hasFiles = (data: DataTransfer | null): boolean => Boolean(data && Array.from(data.types).includes('Files'));

export class FileDropController implements ReactiveController {
  /** Files are being dragged over the panel. */
  active = false;
  /** dragenter/dragleave fire for every child crossed: count them to know when the drag really left. */
  private depth = 0;
  private root: HTMLElement | DocumentFragment | null = null;

  constructor(private readonly host: Host, private readonly options: FileDropOptions) {
    host.addController(this);
  }

  hostConnected(): void {
    this.root = this.host.renderRoot;
    this.root.addEventListener('dragenter', this.onDragEnter as EventListener);
    this.root.addEventListener('dragover', this.onDragOver as EventListener);
    this.root.addEventListener('dragleave', this.onDragLeave as EventListener);
    this.root.addEventListener('drop', this.onDrop as EventListener);
    this.root.addEventListener('paste', this.onPaste as EventListener);
  }

  hostDisconnected(): void {
    this.root?.removeEventListener('dragenter', this.onDragEnter as EventListener);
    this.root?.removeEventListener('dragover', this.onDragOver as EventListener);
    this.root?.removeEventListener('dragleave', this.onDragLeave as EventListener);
    this.root?.removeEventListener('drop', this.onDrop as EventListener);
    this.root?.removeEventListener('paste', this.onPaste as EventListener);
    this.root = null;
    this.setActive(false);
  }

  private setActive(active: boolean): void {
    if (!active) this.depth = 0;
    if (this.active === active) return;
    this.active = active;
    this.host.requestUpdate();
  }

  private readonly onDragEnter = (event: DragEvent): void => {
    if (!hasFiles(event.dataTransfer)) return;
    event.preventDefault();
    this.depth += 1;
    if (this.options.enabled()) this.setActive(true);
  };

  private readonly onDragOver = (event: DragEvent): void => {
    if (!hasFiles(event.dataTransfer)) return;
    // Always cancel for files over the chat, so the browser does not open the file in place of the page.
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = this.options.enabled() ? 'copy' : 'none';
  };

  private readonly onDragLeave = (event: DragEvent): void => {
    if (!hasFiles(event.dataTransfer)) return;
    this.depth = Math.max(0, this.depth - 1);
    if (this.depth === 0) this.setActive(false);
  };

  private readonly onDrop = (event: DragEvent): void => {
    if (!hasFiles(event.dataTransfer)) return;
    event.preventDefault();
    this.setActive(false);
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length && this.options.enabled()) this.options.onFiles(files);
  };

  private readonly onPaste = (event: ClipboardEvent): void => {
    const files = Array.from(event.clipboardData?.files ?? []);
    if (!files.length || !this.options.enabled()) return; // plain text pastes as usual
    event.preventDefault();
    this.options.onFiles(files);
  };

  /** The overlay while dragging (part `drop-zone`). */
  render(ctx: UiContext): TemplateResult | typeof nothing {
    if (!this.active) return nothing;
    return html`<div part="drop-zone" class="drop-zone" aria-hidden="true"><span>${ctx.t('dropFiles')}</span></div>`;
  }
}
