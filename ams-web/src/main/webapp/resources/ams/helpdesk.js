/* The recovery passwords page: copy to the clipboard and the digit-by-digit reading, both without a request. */
document.addEventListener('click', function (event) {
    var copy = event.target.closest('.ams-copy');
    if (copy) {
        var done = function (label) {
            copy.textContent = label;
            setTimeout(function () { copy.textContent = 'Copy'; }, 3000);
        };
        var select = function () {
            // No clipboard API (plain HTTP from another machine): select the digits for Ctrl+C instead.
            window.getSelection().selectAllChildren(copy.closest('.ams-key').querySelector('.ams-password'));
            done('Press Ctrl+C');
        };
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(copy.getAttribute('data-password')).then(function () {
                done('Copied');
            }, select);
        } else {
            select();
        }
        return;
    }
    var speak = event.target.closest('.ams-speak');
    if (speak) {
        var spoken = speak.closest('.ams-key').querySelector('.ams-spoken');
        spoken.hidden = !spoken.hidden;
        speak.setAttribute('aria-expanded', String(!spoken.hidden));
        speak.textContent = spoken.hidden ? 'Read out digit by digit' : 'Hide the reading';
    }
});
