/* Print every closed disclosure open (chart tables, rankings), then close them again. */
addEventListener("beforeprint",()=>{for(const d of document.querySelectorAll("details:not([open])")){d.open=true;d.dataset.printOpened=""}});
addEventListener("afterprint",()=>{for(const d of document.querySelectorAll("details[data-print-opened]")){d.open=false;delete d.dataset.printOpened}});
