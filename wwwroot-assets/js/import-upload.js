// Drag and drop, file choice and the upload itself for the Imports page. The files stay in the browser
// until they are sent; they go straight to the JSON API as multipart/form-data (which the server streams
// to disk), not through the Blazor circuit, so a 1 GB export uploads as fast as the network allows.

export function attach(zone, input, page) {
    let files = [];
    let request = null;

    const choose = chosen => {
        files = [...chosen];
        page.invokeMethodAsync("FilesChosen", files.map(file => ({ name: file.name, size: file.size })));
    };
    const over = event => {
        event.preventDefault();
        zone.classList.add("drag-over");
    };
    const leave = () => zone.classList.remove("drag-over");
    const drop = event => {
        event.preventDefault();
        leave();
        choose(event.dataTransfer.files);
    };
    const changed = () => choose(input.files);

    zone.addEventListener("dragover", over);
    zone.addEventListener("dragleave", leave);
    zone.addEventListener("drop", drop);
    input.addEventListener("change", changed);

    return {
        browse: () => input.click(),
        clear: () => {
            files = [];
            input.value = "";
        },
        upload: (url, tokenForm) => new Promise(resolve => {
            const token = tokenForm.querySelector("input[name=__RequestVerificationToken]")?.value ?? "";
            const form = new FormData();
            for (const file of files) {
                form.append("file", file, file.name);
            }
            request = new XMLHttpRequest();
            request.open("POST", url);
            request.setRequestHeader("RequestVerificationToken", token);
            request.upload.onprogress = event => page.invokeMethodAsync("UploadProgress", event.loaded, event.total);
            request.onload = () => resolve({ status: request.status, body: request.responseText });
            request.onerror = () => resolve({ status: 0, body: "" });
            request.onabort = () => resolve({ status: -1, body: "" });
            request.send(form);
        }),
        abort: () => request?.abort(),
        detach: () => {
            zone.removeEventListener("dragover", over);
            zone.removeEventListener("dragleave", leave);
            zone.removeEventListener("drop", drop);
            input.removeEventListener("change", changed);
        },
    };
}
