/**
 * Every changing script first saves the current settings: PowerShell exports the objects it may
 * change with Export-Clixml into a new, timestamped folder (New-Item fails rather than reuse one),
 * so a second run never overwrites the first backup.
 */
import { comment } from './powershell.js';

/** Lines that create $backupFolder and export each `Get-*` command's objects into it. */
export function powershellBackup(exports: readonly { readonly command: string; readonly file: string }[]): string[] {
  return [
    comment('Save the current settings first, into a new folder per run (an earlier backup is never overwritten).'),
    "$backupFolder = Join-Path (Get-Location) ('mailflow-backup-' + (Get-Date -Format 'yyyyMMdd-HHmmss'))",
    'New-Item -ItemType Directory -Path $backupFolder | Out-Null',
    ...exports.map((entry) => `${entry.command} | Export-Clixml -Path (Join-Path $backupFolder '${entry.file}')`),
    'Write-Host "Current settings saved in $backupFolder"',
  ];
}
