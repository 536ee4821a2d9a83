# Adds a numerical-password protector; without a NumericalPassword argument BitLocker makes a random valid one.
$result = Invoke-CimMethod -InputObject $volume -MethodName ProtectKeyWithNumericalPassword
ConvertTo-Json -Compress -InputObject ([pscustomobject]@{
    volumeFound = $true; returnValue = [long]$result.ReturnValue; protectorId = $result.VolumeKeyProtectorID })
