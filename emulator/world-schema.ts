/** JSON schema of the world file (see world-file.ts for the TypeScript shape and docs/emulator.md). */

const stringArray = { type: 'array', items: { type: 'string' } } as const;
const ref = { type: 'object', required: ['id'], properties: { id: { type: 'string' }, name: { type: 'string' } } } as const;

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
          messenger: { type: 'object' },
          maxCustomDataBytes: { type: 'integer', minimum: 0 },
          blockedExtensions: stringArray,
          defaultQueueId: { type: 'string' },
          botId: { type: 'string' },
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
