-- CreateIndex
CREATE UNIQUE INDEX "DataRequest_shopId_kind_shopifyRequestId_key" ON "DataRequest"("shopId", "kind", "shopifyRequestId");
