; LAPOR Desk - Windows installer (Inno Setup 6.3 or newer).
;
; Built by installer/build-windows.ps1, which passes the version and the PyInstaller folder:
;   iscc /DAppVersion=X.Y.Z /DDistDir=..\dist\lapor-desk installer\lapor-desk.iss
; See installer/build-windows.md.
;
; * Installs for the current user without administrator rights (into
;   %LOCALAPPDATA%\Programs\LAPOR Desk); an administrator may choose "all users" in the dialog.
; * Start-menu shortcut (and an optional desktop one); the installer speaks Bahasa Indonesia
;   (default) or English.
; * The uninstaller asks whether to remove the user data too: the profiles (the encrypted
;   complaint cache, attachments, drafts), the logs and the settings. Silent uninstalls keep it.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (build-windows.ps1 reads it from pyproject.toml)
#endif
#ifndef DistDir
  #define DistDir "..\dist\lapor-desk"
#endif

#define AppName "LAPOR Desk"
#define AppExe "lapor-desk.exe"

[Setup]
AppId={{29943728-2FD9-4EE1-AF34-E57D5E452750}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=LAPOR!/SP4N
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=Output
OutputBaseFilename=lapor-desk-{#AppVersion}-setup
SetupIconFile=lapor-desk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
ShowLanguageDialog=auto

[Languages]
; Indonesian.isl is Inno Setup's contributed (unofficial) translation: build-windows.ps1
; fetches it into this folder (https://jrsoftware.org/files/istrans/).
Name: "id"; MessagesFile: "Indonesian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
id.RemoveUserData=Hapus juga data LAPOR Desk di komputer ini?%n%nIni menghapus profil (cache laporan terenkripsi, lampiran, draf), log, dan pengaturan untuk pengguna Windows ini. Pekerjaan yang belum terkirim ke server akan hilang.%n%nPilih Tidak untuk menyimpannya (misalnya sebelum memasang versi baru).
en.RemoveUserData=Also remove LAPOR Desk's data from this computer?%n%nThis deletes the profiles (the encrypted complaint cache, attachments, drafts), the logs and the settings of this Windows user. Work not yet sent to the server is lost.%n%nChoose No to keep it (for example before installing a new version).
id.DesktopIcon=Buat ikon di desktop
en.DesktopIcon=Create a desktop icon
id.LaunchApp=Jalankan LAPOR Desk
en.LaunchApp=Start LAPOR Desk

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; A new version replaces the bundled libraries wholesale (no stale DLLs from the old one).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent

[Code]
{ lapor_desk/paths.py (platformdirs): data, preferences and logs under
  %LOCALAPPDATA%\LAPOR\lapor-desk; QSettings (window state) under HKCU\Software\LAPOR\LAPOR Desk. }
procedure RemoveUserData();
begin
  DelTree(ExpandConstant('{localappdata}\LAPOR\lapor-desk'), True, True, True);
  RemoveDir(ExpandConstant('{localappdata}\LAPOR'));
  RegDeleteKeyIncludingSubkeys(HKCU, 'Software\LAPOR\LAPOR Desk');
  RegDeleteKeyIfEmpty(HKCU, 'Software\LAPOR');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent() then
  begin
    if MsgBox(CustomMessage('RemoveUserData'), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
      RemoveUserData();
  end;
end;
