# Lists BitLocker volumes and the recovery passwords of their numerical-password protectors as JSON, in the agent's
# volume format. Read-only: it calls no method that changes a volume or a protector.
$ErrorActionPreference = 'Stop'
$namespace = 'root\CIMV2\Security\MicrosoftVolumeEncryption'
$volumes = @(Get-CimInstance -Namespace $namespace -ClassName Win32_EncryptableVolume | ForEach-Object {
    $volume = $_
    $conversion = Invoke-CimMethod -InputObject $volume -MethodName GetConversionStatus
    $volumeType = $volume.VolumeType
    if ($null -eq $volumeType) {
        # Before Windows 8 there is no VolumeType: the system drive is the OS volume, Win32_Volume tells the rest.
        if ($volume.DriveLetter -and $volume.DriveLetter -eq $env:SystemDrive) {
            $volumeType = 0
        } else {
            $escaped = $volume.DeviceID.Replace('\', '\\')
            $driveType = (Get-CimInstance -ClassName Win32_Volume -Filter "DeviceID='$escaped'").DriveType
            $volumeType = if ($driveType -eq 2) { 2 } else { 1 }
        }
    }
    $passwords = @()
    $protectors = Invoke-CimMethod -InputObject $volume -MethodName GetKeyProtectors -Arguments @{ KeyProtectorType = [uint32]3 }
    foreach ($id in @($protectors.VolumeKeyProtectorID)) {
        if ($id) {
            $numerical = Invoke-CimMethod -InputObject $volume -MethodName GetKeyProtectorNumericalPassword -Arguments @{ VolumeKeyProtectorID = $id }
            $passwords += [pscustomobject]@{ protectorId = $id; recoveryPassword = $numerical.NumericalPassword }
        }
    }
    [pscustomobject]@{
        mountPoint        = $volume.DriveLetter
        volumeId          = $volume.DeviceID
        volumeType        = [int]$volumeType
        conversionStatus  = [int]$conversion.ConversionStatus
        protectionStatus  = [int]$volume.ProtectionStatus
        recoveryPasswords = $passwords
    }
})
ConvertTo-Json -InputObject $volumes -Depth 4 -Compress
