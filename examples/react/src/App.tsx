// React 19 renders <genesys-chat> itself. `genesys-chat/jsx` types it in JSX; `genesys-chat/react` is a component
// with onMessage-style props (for React 18, or where callbacks read better). `?wrapper` shows the second.
import type {} from 'genesys-chat/jsx';
import 'genesys-chat';
import type { ChatMessage, GenesysChat } from 'genesys-chat';
import { GenesysChat as GenesysChatComponent } from 'genesys-chat/react';
import { useEffect, useRef, useState } from 'react';
import { deploymentId, region } from '../../dev-config.js';

function describe(message: ChatMessage): string {
  return `${message.role}: ${message.text}`;
}

/** The element in JSX; events through a ref (React 19 has no JSX syntax for `genesys-chat:message`). */
function ElementChat({ onMessage }: { onMessage: (message: ChatMessage) => void }) {
  const ref = useRef<GenesysChat>(null);
  useEffect(() => {
    const chat = ref.current;
    if (!chat) return;
    const listener = (event: HTMLElementEventMap['genesys-chat:message']) => onMessage(event.detail.message);
    chat.addEventListener('genesys-chat:message', listener);
    return () => chat.removeEventListener('genesys-chat:message', listener);
  }, [onMessage]);
  return <genesys-chat ref={ref} region={region} deployment-id={deploymentId} mode="inline"
    customAttributes={{ page: 'react-example' }} />;
}

/** The wrapper component: the same element, events as props. */
function WrapperChat({ onMessage }: { onMessage: (message: ChatMessage) => void }) {
  return <GenesysChatComponent region={region} deploymentId={deploymentId} mode="inline"
    onMessage={(event) => onMessage(event.detail.message)} />;
}

export function App() {
  const [last, setLast] = useState('none yet');
  const [onMessage] = useState(() => (message: ChatMessage) => {
    if (message.role !== 'system') setLast(describe(message));
  });
  const wrapper = new URLSearchParams(location.search).has('wrapper');
  return (
    <>
      <h1>React 19 {wrapper ? '(genesys-chat/react)' : '(<genesys-chat> in JSX)'}</h1>
      <p>Last message: <output id="last-message">{last}</output></p>
      {wrapper ? <WrapperChat onMessage={onMessage} /> : <ElementChat onMessage={onMessage} />}
    </>
  );
}
