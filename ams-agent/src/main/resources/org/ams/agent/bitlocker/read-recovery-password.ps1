# Reads the recovery password of one numerical-password protector; the output goes to the agent's memory only.
$result = Invoke-CimMethod -InputObject $volume -MethodName GetKeyProtectorNumericalPassword -Arguments @{ VolumeKeyProtectorID = $protectorId }
ConvertTo-Json -Compress -InputObject ([pscustomobject]@{
    volumeFound = $true; returnValue = [long]$result.ReturnValue; recoveryPassword = $result.NumericalPassword })
