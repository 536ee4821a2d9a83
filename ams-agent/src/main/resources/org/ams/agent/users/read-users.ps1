# Read-only: who signed in interactively on this device, for self-service recovery. Nothing here changes the device.
# The user signed in now (Win32_ComputerSystem.UserName, empty over RDP and when nobody is), the last one LogonUI shows,
# and every profile that is not Windows' own (Win32_UserProfile, Special = FALSE), the most recently used first, with
# the profile's SID translated to DOMAIN\user (a profile whose account is gone or cannot be resolved is left out).
$ErrorActionPreference = 'Stop'
$current = (Get-CimInstance -ClassName Win32_ComputerSystem).UserName
$logonUi = Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Authentication\LogonUI' `
    -ErrorAction SilentlyContinue
$last = if ($logonUi) { $logonUi.LastLoggedOnSAMUser } else { $null }
$profiles = @(Get-CimInstance -ClassName Win32_UserProfile -Filter 'Special = FALSE' |
    Sort-Object -Property LastUseTime -Descending |
    ForEach-Object {
        $account = $null
        try {
            $account = (New-Object System.Security.Principal.SecurityIdentifier($_.SID)).Translate(
                [System.Security.Principal.NTAccount]).Value
        } catch {
            $account = $null
        }
        if ($account) {
            [pscustomobject]@{
                account = $account
                lastUseTime = if ($_.LastUseTime) { $_.LastUseTime.ToUniversalTime().ToString('o') } else { $null }
            }
        }
    })
[pscustomobject]@{
    computerName = $env:COMPUTERNAME
    currentUser = $current
    lastLoggedOnUser = $last
    profiles = $profiles
} | ConvertTo-Json -Depth 3 -Compress
