/**
 * Custom Elements Manifest config (`npm run manifest` → custom-elements.json, shipped in the package for editors,
 * Storybook and docs). The manifest describes the element's public API only: private and protected members,
 * `#private` fields and `_`-prefixed internals are dropped (they were half of the file and no tool should offer them).
 */

/** True for a class member that is not public API. */
export function isInternalMember(member) {
  return member.privacy === 'private' || member.privacy === 'protected' || member.name.startsWith('#') || member.name.startsWith('_');
}

function publicApiOnly() {
  return {
    name: 'genesys-chat:public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules ?? []) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.members) declaration.members = declaration.members.filter((member) => !isInternalMember(member));
        }
      }
    },
  };
}

export default {
  globs: ['src/genesys-chat.ts'],
  litelement: true,
  plugins: [publicApiOnly()],
};
