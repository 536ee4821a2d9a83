# Deletes one numerical-password protector. The agent checked its type in a separate call; the type is checked here
# again so that this script alone can never remove a TPM, PIN, startup-key or auto-unlock protector.
$type = Invoke-CimMethod -InputObject $volume -MethodName GetKeyProtectorType -Arguments @{ VolumeKeyProtectorID = $protectorId }
if ($type.ReturnValue -ne 0 -or $type.KeyProtectorType -ne 3) {
    ConvertTo-Json -Compress -InputObject ([pscustomobject]@{
        volumeFound = $true; returnValue = [long]$type.ReturnValue; keyProtectorType = [int]$type.KeyProtectorType; deleted = $false })
    exit 0
}
$result = Invoke-CimMethod -InputObject $volume -MethodName DeleteKeyProtector -Arguments @{ VolumeKeyProtectorID = $protectorId }
ConvertTo-Json -Compress -InputObject ([pscustomobject]@{
    volumeFound = $true; returnValue = [long]$result.ReturnValue; deleted = ($result.ReturnValue -eq 0) })
