// The React wrapper (genesys-chat/react): typed props and on* callbacks for the genesys-chat:* events.
import type { ChatAuthProvider, ChatStatus, PrechatField } from 'genesys-chat';
import { GenesysChat, type GenesysChatElement, type GenesysChatProps } from 'genesys-chat/react';
import { useRef } from 'react';

const auth: ChatAuthProvider = { getAuthCode: async () => ({ code: 'c', redirectUri: 'https://shop.example/' }) };
const fields: PrechatField[] = [{ name: 'order', label: 'Order number', required: true }];

export function Support() {
  const ref = useRef<GenesysChatElement>(null);
  return (
    <GenesysChat ref={ref} region="usw2.pure.cloud" deploymentId="abc" mode="launcher" skill="Billing"
      customAttributes={{ plan: 'gold' }} className="chat" position="left" titleCount={false} notificationSound
      desktopNotifications={false} prechatFields={fields} auth={auth}
      onAuth={(event) => console.log(event.detail.state)}
      onMessage={(event) => console.log(event.detail.message.text)}
      onStatus={(event) => {
        const status: ChatStatus = event.detail.status;
        if (status === 'online') ref.current?.open();
      }}
      onTyping={(event) => console.log(event.detail.typing)}
      onError={(event) => console.log(event.detail.code)}
      onOpen={(event) => console.log(event.detail.mode)}
      onClose={(event) => console.log(event.detail.mode)} />
  );
}

// @ts-expect-error: detail is typed, not any
export const badListener = <GenesysChat onMessage={(event) => event.detail.message.nope} />;
// @ts-expect-error: mode is 'launcher' | 'inline'
export const badMode = <GenesysChat mode="popup" />;
// @ts-expect-error: position is 'left' | 'right'
export const badPosition = <GenesysChat position="center" />;
export const props: GenesysChatProps = { region: 'mypurecloud.ie' };
