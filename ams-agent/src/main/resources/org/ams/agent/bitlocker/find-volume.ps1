# Shared start of the agent's protector scripts. The agent prepends $volumeId and $protectorId as single-quoted
# literals. The volume is matched by DeviceID in PowerShell rather than in a WQL filter, so no escaping can change
# which volume is meant. Each script writes one compact JSON object: volumeFound, the method's returnValue and what
# the method returned.
$ErrorActionPreference = 'Stop'
$namespace = 'root\CIMV2\Security\MicrosoftVolumeEncryption'
$volume = @(Get-CimInstance -Namespace $namespace -ClassName Win32_EncryptableVolume |
    Where-Object { $_.DeviceID -eq $volumeId }) | Select-Object -First 1
if ($null -eq $volume) {
    ConvertTo-Json -Compress -InputObject ([pscustomobject]@{ volumeFound = $false })
    exit 0
}
