# Tells which kind of protector an id is (3 = numerical password) before the agent deletes anything.
$result = Invoke-CimMethod -InputObject $volume -MethodName GetKeyProtectorType -Arguments @{ VolumeKeyProtectorID = $protectorId }
ConvertTo-Json -Compress -InputObject ([pscustomobject]@{
    volumeFound = $true; returnValue = [long]$result.ReturnValue; keyProtectorType = [int]$result.KeyProtectorType })
