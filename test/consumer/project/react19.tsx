// React 19 renders <genesys-chat> itself: properties the element has are set as properties, others as attributes.
import type {} from 'genesys-chat/jsx';
import type { GenesysChat } from 'genesys-chat';
import 'genesys-chat';
import { useEffect, useRef, useState } from 'react';

export function Support({ deploymentId }: { deploymentId: string }) {
  const ref = useRef<GenesysChat>(null);
  const [last, setLast] = useState('');
  useEffect(() => {
    const chat = ref.current;
    if (!chat) return;
    const onMessage = (event: HTMLElementEventMap['genesys-chat:message']) => setLast(event.detail.message.text);
    chat.addEventListener('genesys-chat:message', onMessage);
    return () => chat.removeEventListener('genesys-chat:message', onMessage);
  }, []);
  return (
    <>
      <genesys-chat ref={ref} region="usw2.pure.cloud" deployment-id={deploymentId} mode="inline" skill="Billing"
        display-name="Ada" lang="de" isOpen customAttributes={{ plan: 'gold' }} strings={{ title: 'Hilfe' }}
        className="chat" style={{ height: 400 }} position="left" title-count="off" notification-sound
        desktop-notifications={false} prechat-fields='[{"name":"order","label":"Order number"}]' />
      <p>{last}</p>
    </>
  );
}

// @ts-expect-error: mode is 'launcher' | 'inline'
export const badMode = <genesys-chat mode="popup" />;
// @ts-expect-error: position is 'left' | 'right'
export const badPosition = <genesys-chat position="center" />;
// @ts-expect-error: title-count is 'on' or 'off'
export const badTitleCount = <genesys-chat title-count="never" />;
// @ts-expect-error: customAttributes is a string map
export const badAttributes = <genesys-chat customAttributes={{ plan: 1 }} />;
