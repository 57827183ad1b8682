export {};
export { applyCommand } from './commands/apply-command';
export { setMemberRole } from './members/set-member-role';
