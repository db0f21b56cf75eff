/** JSON schema of the world file (see world-file.ts for the TypeScript shape and docs/emulator.md). */

const stringArray = { type: 'array', items: { type: 'string' } } as const;
const ref = { type: 'object', required: ['id'], properties: { id: { type: 'string' }, name: { type: 'string' } } } as const;

const enabledFlag = { type: 'object', properties: { enabled: { type: 'boolean' } } } as const;

/** Messenger position (`PositionSettings`). */
export const positionSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    alignment: { enum: ['Auto', 'Left', 'Right'] },
    sideSpace: { type: 'integer', minimum: 0 },
    bottomSpace: { type: 'integer', minimum: 0 },
  },
} as const;

/** `customI18nLabels[]` (`CustomI18nLabels` / `LocalizedLabels`). */
export const customI18nLabelsSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['language', 'localizedLabels'],
    additionalProperties: false,
    properties: {
      language: { type: 'string', minLength: 1 },
      localizedLabels: {
        type: 'array',
        items: {
          type: 'object', required: ['key', 'value'], additionalProperties: false,
          properties: { key: { type: 'string', minLength: 1 }, value: { type: 'string' } },
        },
      },
    },
  },
} as const;

/**
 * The Messenger settings the emulator and the widget read (`MessengerSettings` and its apps), type-checked field by
 * field; fields this schema does not name stay allowed (Genesys adds settings over time).
 */
export const messengerSchema = {
  type: 'object',
  properties: {
    enabled: { type: 'boolean' },
    styles: { type: 'object', properties: { primaryColor: { type: 'string', pattern: '^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$' } } },
    launcherButton: { type: 'object', properties: { visibility: { enum: ['On', 'Off', 'OnDemand'] } } },
    homeScreen: { type: 'object', properties: { enabled: { type: 'boolean' }, logoUrl: { type: 'string' } } },
    fileUpload: {
      type: 'object',
      properties: {
        enableAttachments: { type: 'boolean' },
        modes: {
          type: 'array',
          items: {
            type: 'object', required: ['fileTypes', 'maxFileSizeKB'],
            properties: { fileTypes: stringArray, maxFileSizeKB: { type: 'integer', minimum: 1 } },
          },
        },
      },
    },
    sessionPersistenceType: { enum: ['AcrossSubdomains', 'DomainOrSubdomainOnly'] },
    apps: {
      type: 'object',
      properties: {
        conversations: {
          type: 'object',
          properties: {
            enabled: { type: 'boolean' },
            showAgentTypingIndicator: { type: 'boolean' },
            showUserTypingIndicator: { type: 'boolean' },
            autoStart: enabledFlag,
            markdown: enabledFlag,
            conversationClear: enabledFlag,
            conversationDisconnect: { type: 'object', properties: { enabled: { type: 'boolean' }, type: { enum: ['Send', 'ReadOnly'] } } },
            humanize: {
              type: 'object',
              properties: {
                enabled: { type: 'boolean' },
                bot: { type: 'object', properties: { name: { type: 'string' }, avatarUrl: { type: 'string' } } },
              },
            },
          },
        },
        knowledge: {
          type: 'object',
          properties: {
            enabled: { type: 'boolean' },
            knowledgeBase: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1 } } },
          },
        },
      },
    },
  },
} as const;

export const worldSchema = {
  type: 'object',
  required: ['deployments', 'queues', 'agents'],
  properties: {
    $schema: { type: 'string' },
    deployments: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'status', 'allowedDomains'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', minLength: 1 },
          name: { type: 'string' },
          status: { enum: ['Active', 'Inactive'] },
          allowedDomains: stringArray,
          languages: stringArray,
          defaultLanguage: { type: 'string' },
          messenger: messengerSchema,
          maxCustomDataBytes: { type: 'integer', minimum: 0 },
          blockedExtensions: stringArray,
          defaultQueueId: { type: 'string' },
          botId: { type: 'string' },
          position: positionSchema,
          customI18nLabels: customI18nLabelsSchema,
          auth: {
            type: 'object',
            required: ['enabled'],
            additionalProperties: false,
            properties: { enabled: { type: 'boolean' }, allowSessionUpgrade: { type: 'boolean' }, integrationId: { type: 'string' } },
          },
        },
      },
    },
    queues: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'skills'],
        additionalProperties: false,
        properties: { id: { type: 'string', minLength: 1 }, name: { type: 'string' }, skills: stringArray },
      },
    },
    agents: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', minLength: 1 },
          name: { type: 'string' },
          nickname: { type: 'string' },
          image: { type: 'string' },
          queueIds: stringArray,
        },
      },
    },
    bots: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'nickname', 'start', 'steps'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', minLength: 1 },
          name: { type: 'string' },
          nickname: { type: 'string' },
          start: { type: 'string' },
          handOverText: { type: 'string' },
          steps: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['id'],
              additionalProperties: false,
              properties: {
                id: { type: 'string', minLength: 1 },
                text: { type: 'string' },
                fallback: { type: 'string' },
                handOver: {
                  type: 'object',
                  additionalProperties: false,
                  properties: { queueId: { type: 'string' }, skill: { type: 'string' } },
                },
                quickReplies: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['text', 'payload', 'next'],
                    additionalProperties: false,
                    properties: { text: { type: 'string' }, payload: { type: 'string' }, next: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      },
    },
    openMessaging: {
      type: 'object',
      properties: {
        integrations: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'name', 'outboundNotificationWebhookUrl', 'outboundNotificationWebhookSignatureSecretToken'],
            properties: {
              id: { type: 'string' },
              name: { type: 'string' },
              outboundNotificationWebhookUrl: { type: 'string' },
              outboundNotificationWebhookSignatureSecretToken: { type: 'string' },
              webhookHeaders: { type: 'object', additionalProperties: { type: 'string' } },
              botId: { type: 'string' },
            },
          },
        },
      },
    },
    oauthClients: {
      type: 'array',
      items: {
        type: 'object',
        required: ['clientId', 'clientSecret', 'name', 'accessTokenValiditySeconds'],
        properties: {
          clientId: { type: 'string' },
          clientSecret: { type: 'string' },
          name: { type: 'string' },
          accessTokenValiditySeconds: { type: 'integer', minimum: 1 },
        },
      },
    },
    scheduleGroups: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'timeZone', 'openSchedules', 'closedSchedules', 'holidaySchedules', 'state'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          timeZone: { type: 'string' },
          openSchedules: { type: 'array', items: ref },
          closedSchedules: { type: 'array', items: ref },
          holidaySchedules: { type: 'array', items: ref },
          state: { enum: ['active', 'inactive', 'deleted'] },
        },
      },
    },
    knowledgeBases: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'coreLanguage', 'categories', 'documents'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', minLength: 1 },
          name: { type: 'string' },
          coreLanguage: { type: 'string' },
          categories: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'name'],
              additionalProperties: false,
              properties: { id: { type: 'string', minLength: 1 }, name: { type: 'string' }, description: { type: 'string' }, parentId: { type: 'string' } },
            },
          },
          documents: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'title', 'body'],
              additionalProperties: false,
              properties: {
                id: { type: 'string', minLength: 1 },
                title: { type: 'string', minLength: 1 },
                categoryId: { type: 'string' },
                alternatives: {
                  type: 'array',
                  items: {
                    type: 'object', required: ['phrase', 'autocomplete'],
                    properties: { phrase: { type: 'string' }, autocomplete: { type: 'boolean' } },
                  },
                },
                body: { type: 'object', required: ['blocks'], properties: { blocks: { type: 'array', items: { type: 'object', required: ['type'] } } } },
                dateModified: { type: 'string' },
                visible: { type: 'boolean' },
              },
            },
          },
        },
      },
    },
    schedules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'start', 'end'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          start: { type: 'string' },
          end: { type: 'string' },
          rrule: { type: 'string' },
          state: { enum: ['active', 'inactive', 'deleted'] },
        },
      },
    },
    identityProvider: {
      type: 'object',
      required: ['clients', 'users'],
      additionalProperties: false,
      properties: {
        clients: {
          type: 'array',
          items: {
            type: 'object',
            required: ['clientId', 'redirectUris'],
            additionalProperties: false,
            properties: { clientId: { type: 'string', minLength: 1 }, name: { type: 'string' }, redirectUris: { ...stringArray, minItems: 1 } },
          },
        },
        users: {
          type: 'array',
          items: {
            type: 'object',
            required: ['sub', 'name'],
            additionalProperties: false,
            properties: {
              sub: { type: 'string', minLength: 1 }, name: { type: 'string' }, email: { type: 'string' },
              givenName: { type: 'string' }, familyName: { type: 'string' },
            },
          },
        },
      },
    },
  },
  additionalProperties: false,
} as const;
