// A strict Vue 3 app: `genesys-chat/vue` (opted in by App.vue) types <genesys-chat> in its templates for vue-tsc.
import 'genesys-chat';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
