import { closeTestConnections } from './temporal';

// Every test file closes what it opened, so the run ends with no open handles.
afterAll(closeTestConnections);
