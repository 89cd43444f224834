import { render } from 'preact';
render(<p>Ouvidor</p>, document.getElementById('app')!);
